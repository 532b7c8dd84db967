import type { RequestMessages } from './en.js';

/** Italiano. */
export const it: RequestMessages = {
  requestTitle: 'Richiedi un segreto',
  requestIntro:
    'Chiedi a qualcuno una password, una chiave o un file. La persona compila il tuo link di richiesta; ciò che invia viene cifrato nel suo browser e solo il tuo link della casella può leggerlo, una volta.',
  descriptionLabel: 'Di cosa hai bisogno?',
  descriptionHint:
    'La persona a cui lo chiedi lo vede; il server no (è cifrato in questo browser). Non scrivere qui il segreto stesso.',
  waitLabel: 'Quanto attendere una risposta',
  answerWaitLabel: 'Quanto a lungo la risposta può attendere di essere letta',
  createButton: 'Crea la richiesta',
  creating: 'Creazione…',
  errEmpty: 'Scrivi prima di cosa hai bisogno.',
  errTooLong: 'La descrizione è troppo lunga: {size} su un massimo di {max}.',
  errNotAllowed: 'La tua organizzazione non ti consente di richiedere segreti.',

  readyTitle: 'La tua richiesta è pronta',
  requestLinkLabel: 'Link di richiesta: invialo alla persona che ha il segreto',
  copyRequestLink: 'Copia il link di richiesta',
  requestQr: 'Codice QR del link di richiesta',
  inboxLinkLabel: 'Link della casella: tienilo per te',
  copyInboxLink: 'Copia il link della casella',
  inboxWarning:
    'Conserva il link della casella in un posto sicuro. È l’unico modo per leggere la risposta: nessuno può recuperarlo per te, nemmeno il server. Non inviarlo a nessuno.',
  openInbox: 'Apri la casella',
  receiptLinkLabel:
    'Link della ricevuta: mostra se la richiesta ha ricevuto risposta ed è stata letta (mai la risposta)',
  copyReceiptLink: 'Copia il link della ricevuta',
  waitsUntil: 'Il link di richiesta funziona fino al {date}, per una sola risposta.',
  requestAnother: 'Richiedi un altro segreto',

  respondTitle: 'Qualcuno ti chiede un segreto',
  askedFor: 'Che cosa ti chiede',
  respondIntro:
    'Ciò che invii viene cifrato in questo browser. Solo chi l’ha chiesto può leggerlo, una volta; poi sparisce dal server.',
  answerLabel: 'Il tuo segreto',
  answerKept: 'Se non viene letta, la tua risposta viene eliminata {time} dopo l’invio.',
  sendButton: 'Invia il segreto',
  sending: 'Invio in corso…',
  errAnswerEmpty: 'Inserisci prima un segreto o allega un file.',
  sentTitle: 'Inviato',
  sentBody: 'Inviato. Chi l’ha chiesto può leggerlo una volta; poi sparisce dal server.',
  sentExpires: 'Se non viene letto entro il {date}, viene eliminato senza essere letto.',
  requestGoneTitle: 'Questa richiesta è chiusa',
  requestGone:
    'Questa richiesta ha già ricevuto risposta, è stata distrutta o è scaduta, oppure non è mai esistita. Chiedine una nuova a chi te l’ha inviata.',
  alreadyAnswered: 'Qualcuno ha già risposto a questa richiesta, che accetta una sola risposta.',
  notSent: 'Non è stato inviato nulla di tuo.',
  missingKey: 'Questo link è incompleto: manca la parte dopo il #. Usa il link completo.',
  badLink: 'Questo link è danneggiato e non si può usare. Usa il link completo.',
  descriptionUnreadable: 'Non è possibile decifrare la descrizione con questo link. Chiedi il link completo.',

  inboxTitle: 'La casella della tua richiesta',
  inboxUnknown:
    'Questa casella è sconosciuta: il link è sbagliato, oppure la richiesta è finita da così tanto tempo che non ne resta nulla.',
  waitingBody: 'Nessuno ha ancora risposto. Questa pagina ricontrolla ogni pochi secondi.',
  answeredBody: 'È arrivata una risposta. Puoi leggerla una volta: mostrarla la rimuove dal server.',
  answerFiles_one: 'Contiene un file.',
  answerFiles_many: 'Contiene {n} di file.',
  answerFiles_other: 'Contiene {n} file.',
  answerPassphrase: 'È protetta da una frase d’accesso. Chiedila a chi ha risposto.',
  revealButton: 'Mostra la risposta',
  readBody: 'La risposta è stata letta. Non è più sul server.',
  expiredBody: 'Questa richiesta è terminata senza che una risposta venisse letta.',
  burnedBody: 'Questa richiesta è stata distrutta.',
  burnRequest: 'Distruggi questa richiesta',
  burnConfirm:
    'Distruggere subito questa richiesta? Nessuno potrà più rispondere, e una risposta non ancora letta viene distrutta.',
  burnedNow: 'La richiesta è stata distrutta.',

  receiptTitle: 'Ricevuta della richiesta',
  receiptIntro: 'A che punto è la tua richiesta. La ricevuta non mostra mai la risposta.',
  receiptUnknown: 'Questa ricevuta è sconosciuta, oppure la richiesta a cui apparteneva è finita da tempo.',
  stateLabel: 'Stato',
  state_waiting: 'In attesa di risposta',
  state_answered: 'Risposta ricevuta, non ancora letta',
  state_read: 'Letta',
  state_expired: 'Scaduta',
  state_burned: 'Distrutta',
  createdAt: 'Richiesta il',
  expiresAt: 'Attende una risposta fino al',
  answeredAt: 'Risposta il',
  readAt: 'Letta il',
  endedAt: 'Terminata il',
  refreshing: 'Finché la richiesta è aperta, questa pagina ricontrolla ogni pochi secondi.',
};

export default it;
