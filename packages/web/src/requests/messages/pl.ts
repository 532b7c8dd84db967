import type { RequestMessages } from './en.js';

/** Polski. */
export const pl: RequestMessages = {
  requestTitle: 'Poproś o sekret',
  requestIntro:
    'Poproś kogoś o hasło, klucz lub plik. Ta osoba wypełnia Twój link do prośby; to, co wyśle, jest szyfrowane w jej przeglądarce i tylko Twój link do skrzynki może to odczytać, jeden raz.',
  descriptionLabel: 'Czego potrzebujesz?',
  descriptionHint:
    'Widzi to osoba, którą prosisz; serwer nie (jest to szyfrowane w tej przeglądarce). Nie wpisuj tu samego sekretu.',
  waitLabel: 'Jak długo czekać na odpowiedź',
  answerWaitLabel: 'Jak długo odpowiedź może czekać na odczytanie',
  createButton: 'Utwórz prośbę',
  creating: 'Tworzenie…',
  errEmpty: 'Najpierw napisz, czego potrzebujesz.',
  errTooLong: 'Opis jest za długi: {size} przy limicie {max}.',
  errNotAllowed: 'Twoja organizacja nie pozwala Ci prosić o sekrety.',

  readyTitle: 'Twoja prośba jest gotowa',
  requestLinkLabel: 'Link do prośby: wyślij go osobie, która ma sekret',
  copyRequestLink: 'Kopiuj link do prośby',
  requestQr: 'Kod QR linku do prośby',
  inboxLinkLabel: 'Link do skrzynki: zachowaj go dla siebie',
  copyInboxLink: 'Kopiuj link do skrzynki',
  inboxWarning:
    'Przechowuj link do skrzynki w bezpiecznym miejscu. To jedyny sposób, aby odczytać odpowiedź: nikt nie odzyska go za Ciebie, nawet serwer. Nie wysyłaj go nikomu.',
  openInbox: 'Otwórz skrzynkę',
  receiptLinkLabel:
    'Link do potwierdzenia: pokazuje, czy na prośbę odpowiedziano i czy odpowiedź odczytano (nigdy samą odpowiedź)',
  copyReceiptLink: 'Kopiuj link do potwierdzenia',
  waitsUntil: 'Link do prośby działa do {date}, dla jednej odpowiedzi.',
  requestAnother: 'Poproś o kolejny sekret',

  respondTitle: 'Ktoś prosi Cię o sekret',
  askedFor: 'O co prosi',
  respondIntro:
    'To, co wyślesz, jest szyfrowane w tej przeglądarce. Tylko osoba, która prosiła, może to odczytać, jeden raz; potem znika to z serwera.',
  answerLabel: 'Twój sekret',
  answerKept: 'Jeśli nie zostanie odczytana, Twoja odpowiedź zostanie usunięta {time} po wysłaniu.',
  sendButton: 'Wyślij sekret',
  sending: 'Wysyłanie…',
  errAnswerEmpty: 'Najpierw wpisz sekret lub dołącz plik.',
  sentTitle: 'Wysłano',
  sentBody: 'Wysłano. Osoba, która prosiła, może to odczytać jeden raz; potem znika to z serwera.',
  sentExpires: 'Jeśli nie zostanie odczytane do {date}, zostanie usunięte bez odczytania.',
  requestGoneTitle: 'Ta prośba jest zamknięta',
  requestGone:
    'Na tę prośbę już odpowiedziano, została zniszczona lub wygasła albo nigdy nie istniała. Poproś osobę, która ją wysłała, o nową.',
  alreadyAnswered: 'Ktoś już odpowiedział na tę prośbę, a przyjmuje ona tylko jedną odpowiedź.',
  notSent: 'Nic od Ciebie nie zostało wysłane.',
  missingKey: 'Ten link jest niekompletny: brakuje części po znaku #. Użyj całego linku.',
  badLink: 'Ten link jest uszkodzony i nie da się go użyć. Użyj całego linku.',
  descriptionUnreadable: 'Nie da się odszyfrować opisu tym linkiem. Poproś o cały link.',

  inboxTitle: 'Skrzynka Twojej prośby',
  inboxUnknown:
    'Ta skrzynka jest nieznana: link jest błędny albo prośba zakończyła się tak dawno, że nic z niej nie zostało.',
  waitingBody: 'Nikt jeszcze nie odpowiedział. Ta strona sprawdza ponownie co kilka sekund.',
  answeredBody: 'Nadeszła odpowiedź. Możesz ją odczytać jeden raz: pokazanie jej usuwa ją z serwera.',
  answerFiles_one: 'Zawiera jeden plik.',
  answerFiles_few: 'Zawiera {n} pliki.',
  answerFiles_many: 'Zawiera {n} plików.',
  answerFiles_other: 'Zawiera {n} pliku.',
  answerPassphrase: 'Jest chroniona frazą dostępową. Poproś o nią osobę, która odpowiedziała.',
  revealButton: 'Pokaż odpowiedź',
  readBody: 'Odpowiedź została odczytana. Nie ma jej już na serwerze.',
  expiredBody: 'Ta prośba zakończyła się, zanim jakakolwiek odpowiedź została odczytana.',
  burnedBody: 'Ta prośba została zniszczona.',
  burnRequest: 'Zniszcz tę prośbę',
  burnConfirm:
    'Zniszczyć tę prośbę teraz? Nikt już nie będzie mógł na nią odpowiedzieć, a nieodczytana odpowiedź zostanie zniszczona.',
  burnedNow: 'Prośba została zniszczona.',

  receiptTitle: 'Potwierdzenie prośby',
  receiptIntro: 'Na jakim etapie jest Twoja prośba. Potwierdzenie nigdy nie pokazuje odpowiedzi.',
  receiptUnknown: 'To potwierdzenie jest nieznane albo prośba, do której należało, dawno się zakończyła.',
  stateLabel: 'Stan',
  state_waiting: 'Czeka na odpowiedź',
  state_answered: 'Odpowiedziano, jeszcze nieodczytana',
  state_read: 'Odczytana',
  state_expired: 'Wygasła',
  state_burned: 'Zniszczona',
  createdAt: 'Poproszono',
  expiresAt: 'Czeka na odpowiedź do',
  answeredAt: 'Odpowiedziano',
  readAt: 'Odczytano',
  endedAt: 'Zakończono',
  refreshing: 'Dopóki prośba jest otwarta, ta strona sprawdza ponownie co kilka sekund.',
};

export default pl;
