import type { RequestMessages } from './en.js';

export const de: RequestMessages = {
  requestTitle: 'Ein Geheimnis anfordern',
  requestIntro:
    'Bitten Sie jemanden um ein Passwort, einen Schlüssel oder eine Datei. Die Person füllt Ihren Anfragelink aus; was sie sendet, wird in ihrem Browser verschlüsselt, und nur Ihr Posteingangslink kann es lesen, einmal.',
  descriptionLabel: 'Was brauchen Sie?',
  descriptionHint:
    'Die gefragte Person sieht das; der Server nicht (es wird in diesem Browser verschlüsselt). Schreiben Sie nicht das Geheimnis selbst hierher.',
  waitLabel: 'Wie lange auf eine Antwort gewartet wird',
  answerWaitLabel: 'Wie lange die Antwort auf das Lesen warten darf',
  createButton: 'Anfrage erstellen',
  creating: 'Wird erstellt…',
  errEmpty: 'Sagen Sie zuerst, was Sie brauchen.',
  errTooLong: 'Die Beschreibung ist zu lang: {size} von höchstens {max}.',
  errNotAllowed: 'Ihre Organisation erlaubt Ihnen nicht, Geheimnisse anzufordern.',

  readyTitle: 'Ihre Anfrage ist bereit',
  requestLinkLabel: 'Anfragelink: senden Sie ihn der Person, die das Geheimnis hat',
  copyRequestLink: 'Anfragelink kopieren',
  requestQr: 'QR-Code des Anfragelinks',
  inboxLinkLabel: 'Posteingangslink: behalten Sie ihn für sich',
  copyInboxLink: 'Posteingangslink kopieren',
  inboxWarning:
    'Bewahren Sie den Posteingangslink sicher auf. Nur mit ihm lässt sich die Antwort lesen: Niemand kann ihn für Sie wiederherstellen, auch der Server nicht. Senden Sie ihn niemandem.',
  openInbox: 'Posteingang öffnen',
  receiptLinkLabel: 'Belegslink: zeigt, ob die Anfrage beantwortet und gelesen wurde (niemals die Antwort)',
  copyReceiptLink: 'Belegslink kopieren',
  waitsUntil: 'Der Anfragelink funktioniert bis {date}, für eine Antwort.',
  requestAnother: 'Ein weiteres Geheimnis anfordern',

  respondTitle: 'Jemand bittet Sie um ein Geheimnis',
  askedFor: 'Worum gebeten wird',
  respondIntro:
    'Was Sie senden, wird in diesem Browser verschlüsselt. Nur die Person, die gefragt hat, kann es lesen, einmal; danach ist es vom Server verschwunden.',
  answerLabel: 'Ihr Geheimnis',
  answerKept: 'Wird Ihre Antwort nicht gelesen, wird sie {time} nach dem Senden gelöscht.',
  sendButton: 'Geheimnis senden',
  sending: 'Wird gesendet…',
  errAnswerEmpty: 'Geben Sie zuerst ein Geheimnis ein oder hängen Sie eine Datei an.',
  sentTitle: 'Gesendet',
  sentBody:
    'Gesendet. Die Person, die gefragt hat, kann es einmal lesen; danach ist es vom Server verschwunden.',
  sentExpires: 'Ist es bis {date} nicht gelesen, wird es ungelesen gelöscht.',
  requestGoneTitle: 'Diese Anfrage ist geschlossen',
  requestGone:
    'Diese Anfrage wurde beantwortet, verbrannt oder ist abgelaufen, oder es gab sie nie. Bitten Sie die Person, die sie geschickt hat, um eine neue.',
  alreadyAnswered: 'Jemand hat diese Anfrage bereits beantwortet, und sie nimmt nur eine Antwort an.',
  notSent: 'Nichts von Ihnen wurde gesendet.',
  missingKey: 'Dieser Link ist unvollständig: Der Teil nach dem # fehlt. Verwenden Sie den ganzen Link.',
  badLink: 'Dieser Link ist beschädigt und kann nicht verwendet werden. Verwenden Sie den ganzen Link.',
  descriptionUnreadable:
    'Die Beschreibung lässt sich mit diesem Link nicht entschlüsseln. Bitten Sie um den ganzen Link.',

  inboxTitle: 'Der Posteingang Ihrer Anfrage',
  inboxUnknown:
    'Dieser Posteingang ist unbekannt: Der Link stimmt nicht, oder die Anfrage ist so lange vorbei, dass nichts mehr von ihr übrig ist.',
  waitingBody: 'Noch hat niemand geantwortet. Diese Seite sieht alle paar Sekunden wieder nach.',
  answeredBody:
    'Eine Antwort ist eingegangen. Sie können sie einmal lesen: Beim Anzeigen wird sie vom Server entfernt.',
  answerFiles_one: 'Sie enthält eine Datei.',
  answerFiles_other: 'Sie enthält {n} Dateien.',
  answerPassphrase: 'Sie ist mit einer Passphrase geschützt. Fragen Sie die Person, die geantwortet hat.',
  revealButton: 'Antwort anzeigen',
  readBody: 'Die Antwort wurde gelesen. Sie ist vom Server verschwunden.',
  expiredBody: 'Diese Anfrage ist abgelaufen, ohne dass eine Antwort gelesen wurde.',
  burnedBody: 'Diese Anfrage wurde verbrannt.',
  burnRequest: 'Diese Anfrage verbrennen',
  burnConfirm:
    'Diese Anfrage jetzt verbrennen? Niemand kann sie dann noch beantworten, und eine noch nicht gelesene Antwort wird vernichtet.',
  burnedNow: 'Die Anfrage ist verbrannt.',

  receiptTitle: 'Beleg der Anfrage',
  receiptIntro: 'Wie es um Ihre Anfrage steht. Der Beleg zeigt nie die Antwort.',
  receiptUnknown: 'Dieser Beleg ist unbekannt, oder die zugehörige Anfrage ist längst verschwunden.',
  stateLabel: 'Status',
  state_waiting: 'Wartet auf eine Antwort',
  state_answered: 'Beantwortet, noch nicht gelesen',
  state_read: 'Gelesen',
  state_expired: 'Abgelaufen',
  state_burned: 'Verbrannt',
  createdAt: 'Angefordert',
  expiresAt: 'Wartet auf eine Antwort bis',
  answeredAt: 'Beantwortet',
  readAt: 'Gelesen',
  endedAt: 'Beendet',
  refreshing: 'Solange die Anfrage offen ist, sieht diese Seite alle paar Sekunden wieder nach.',
};

export default de;
