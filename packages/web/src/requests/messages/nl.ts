import type { RequestMessages } from './en.js';

export const nl: RequestMessages = {
  requestTitle: 'Vraag om een geheim',
  requestIntro:
    'Vraag iemand om een wachtwoord, sleutel of bestand. Die persoon vult je verzoeklink in; wat hij stuurt wordt in zijn browser versleuteld, en alleen jouw inboxlink kan het lezen, één keer.',
  descriptionLabel: 'Wat heb je nodig?',
  descriptionHint:
    'De persoon die je het vraagt ziet dit; de server niet (het wordt in deze browser versleuteld). Zet het geheim zelf hier niet in.',
  waitLabel: 'Hoe lang op een antwoord wachten',
  answerWaitLabel: 'Hoe lang het antwoord mag wachten om gelezen te worden',
  createButton: 'Verzoek maken',
  creating: 'Bezig met maken…',
  errEmpty: 'Zeg eerst wat je nodig hebt.',
  errTooLong: 'De omschrijving is te lang: {size} van hoogstens {max}.',
  errNotAllowed: 'Je organisatie staat je niet toe om geheimen te vragen.',

  readyTitle: 'Je verzoek staat klaar',
  requestLinkLabel: 'Verzoeklink: stuur deze naar wie het geheim heeft',
  copyRequestLink: 'Verzoeklink kopiëren',
  requestQr: 'QR-code van de verzoeklink',
  inboxLinkLabel: 'Inboxlink: houd deze voor jezelf',
  copyInboxLink: 'Inboxlink kopiëren',
  inboxWarning:
    'Bewaar de inboxlink op een veilige plek. Alleen daarmee kun je het antwoord lezen: niemand kan hem voor je terughalen, ook de server niet. Stuur hem naar niemand.',
  openInbox: 'Inbox openen',
  receiptLinkLabel: 'Ontvangstbewijslink: toont of het verzoek is beantwoord en gelezen (nooit het antwoord)',
  copyReceiptLink: 'Ontvangstbewijslink kopiëren',
  waitsUntil: 'De verzoeklink werkt tot {date}, voor één antwoord.',
  requestAnother: 'Om nog een geheim vragen',

  respondTitle: 'Iemand vraagt je om een geheim',
  askedFor: 'Waar om gevraagd wordt',
  respondIntro:
    'Wat je stuurt wordt in deze browser versleuteld. Alleen wie erom vroeg kan het lezen, één keer; daarna is het weg van de server.',
  answerLabel: 'Jouw geheim',
  answerKept: 'Wordt je antwoord niet gelezen, dan wordt het {time} na het versturen verwijderd.',
  sendButton: 'Geheim versturen',
  sending: 'Bezig met versturen…',
  errAnswerEmpty: 'Vul een geheim in of voeg eerst een bestand toe.',
  sentTitle: 'Verstuurd',
  sentBody: 'Verstuurd. Wie erom vroeg kan het één keer lezen; daarna is het weg van de server.',
  sentExpires: 'Is het op {date} nog niet gelezen, dan wordt het ongelezen verwijderd.',
  requestGoneTitle: 'Dit verzoek is gesloten',
  requestGone:
    'Dit verzoek is al beantwoord, verbrand of verlopen, of heeft nooit bestaan. Vraag wie het stuurde om een nieuw verzoek.',
  alreadyAnswered: 'Iemand heeft dit verzoek al beantwoord, en het neemt maar één antwoord aan.',
  notSent: 'Er is niets van jou verstuurd.',
  missingKey: 'Deze link is onvolledig: het deel na de # ontbreekt. Gebruik de hele link.',
  badLink: 'Deze link is beschadigd en kan niet worden gebruikt. Gebruik de hele link.',
  descriptionUnreadable: 'De omschrijving kan met deze link niet worden ontsleuteld. Vraag om de hele link.',

  inboxTitle: 'De inbox van je verzoek',
  inboxUnknown:
    'Deze inbox is onbekend: de link klopt niet, of het verzoek is zo lang geleden verdwenen dat er niets meer van over is.',
  waitingBody: 'Er heeft nog niemand geantwoord. Deze pagina kijkt om de paar seconden opnieuw.',
  answeredBody:
    'Er is een antwoord binnengekomen. Je kunt het één keer lezen: door het te tonen verdwijnt het van de server.',
  answerFiles_one: 'Er zit een bestand bij.',
  answerFiles_other: 'Er zitten {n} bestanden bij.',
  answerPassphrase: 'Het is beveiligd met een wachtwoordzin. Vraag die aan wie antwoordde.',
  revealButton: 'Antwoord tonen',
  readBody: 'Het antwoord is gelezen. Het is weg van de server.',
  expiredBody: 'Dit verzoek is afgelopen zonder dat er een antwoord is gelezen.',
  burnedBody: 'Dit verzoek is verbrand.',
  burnRequest: 'Dit verzoek verbranden',
  burnConfirm:
    'Dit verzoek nu verbranden? Niemand kan het dan nog beantwoorden, en een nog niet gelezen antwoord wordt vernietigd.',
  burnedNow: 'Het verzoek is verbrand.',

  receiptTitle: 'Ontvangstbewijs van het verzoek',
  receiptIntro: 'Hoe je verzoek ervoor staat. Het ontvangstbewijs toont nooit het antwoord.',
  receiptUnknown: 'Dit ontvangstbewijs is onbekend, of het verzoek waar het bij hoorde is al lang weg.',
  stateLabel: 'Status',
  state_waiting: 'Wacht op een antwoord',
  state_answered: 'Beantwoord, nog niet gelezen',
  state_read: 'Gelezen',
  state_expired: 'Verlopen',
  state_burned: 'Verbrand',
  createdAt: 'Gevraagd',
  expiresAt: 'Wacht op een antwoord tot',
  answeredAt: 'Beantwoord',
  readAt: 'Gelezen',
  endedAt: 'Afgelopen',
  refreshing: 'Zolang het verzoek open is, kijkt deze pagina om de paar seconden opnieuw.',
};

export default nl;
