import type { CliMessages } from './en.js';

/** Svenska. */
export const sv: CliMessages = {
  help: `Användning: burnlink KOMMANDO [flaggor]

Engångslänkar till hemligheter, krypterade hela vägen. Hemligheter krypteras på den här datorn; servern ser
aldrig nyckeln (den ligger i länkens #fragment, som aldrig skickas).

Kommandon:
  send [TEXT]            kryptera och ladda upp en hemlighet (TEXT, stdin eller en fråga; --file SÖKVÄG
                         bifogar filer); skriver ut länken
  get LÄNK               öppna en länk en gång; skriver ut hemligheten (--output KATALOG sparar filerna)
  request [BESKRIVNING]  be någon om en hemlighet: skriver ut förfrågningslänken att skicka (inkorgslänken,
                         för att läsa svaret med get, går till stderr)
  respond FÖRFRÅGAN      besvara en förfrågan med en hemlighet från stdin (--file SÖKVÄG bifogar filer)
  status KVITTOLÄNK      vad som hände med en hemlighet du skickade
  burn KVITTOLÄNK|ID     förstör en hemlighet du skickade, nu (med ID eller hemlig länk och en API-nyckel)
  list                   organisationens hemligheter (--scope own|team|org); kräver en API-nyckel
  login                  spara en API-nyckel för en server (läses dolt, eller från stdin); logout tar bort den
  generate               skriv ut ett slumpmässigt lösenord
  serve                  kör burnlink-servern
  admin KOMMANDO         administrera konton i serverns lagring: create-org, invite, create-key,
                         list-keys, revoke-key, audit (se: burnlink admin --help)

\`burnlink KOMMANDO --help\` visar ett kommandos flaggor.

Miljö:
  BURNLINK_URL           server för send, status, burn och list (standard: servern från burnlink login,
                         annars http://127.0.0.1:8080)
  BURNLINK_API_KEY       API-nyckel (bl_…) till den servern: hemligheter du skickar hör till dess
                         organisation; list och burn med ID kräver den (burnlink login sparar en i stället)
  BURNLINK_PASSPHRASE    lösenfras när det inte finns någon terminal att fråga i (send --passphrase, get)

Slutkoder:
  0 ok · 1 oväntat fel · 2 felaktig användning eller indata · 3 okänd, utgången eller redan använd hemlighet
  4 fel lösenfras · 5 låst (förstörd efter för många fel lösenfraser) · 6 servern går inte att nå
  7 serverfel · 8 för många förfrågningar · 9 lösenfras krävs men ingen finns
  10 en fil kunde inte skrivas till --output · 11 ingen API-nyckel, eller servern avvisade den (401)
  12 API-nyckeln saknar behörighet eller räckvidd (403) · 13 stoppad av hemlighetens begränsningar
  (kontorstid, nätverk, land) · 14 mottagaren måste bekräftas eller koden var fel
  15 förfrågan har inget svar än (get INKORGSLÄNK)
  130 avbruten (Ctrl-C)

Flaggor:
  -h, --help             visa den här hjälpen
  -v, --version          skriv ut versionen
`,

  unknownCommand: 'okänt kommando{name}',
  unknownCommandLinkHint: '; öppna en länk med: burnlink get LÄNK',
  unknownCommandHelpHint: ' (se: burnlink --help)',
  cancelled: 'avbrutet',
  unexpected: 'oväntat fel ({kind}); rapportera det gärna',

  promptSecret: 'Hemlighet (dold): ',
  promptPassphrase: 'Lösenfras: ',
  promptPassphraseAgain: 'Lösenfras (igen): ',
  promptApiKey: 'API-nyckel (dold): ',
  promptSendCode: 'Skicka koden? [1]: ',
  promptAddress: 'Din adress [1-{count}]: ',
  promptCode: 'Bekräftelsekod: ',
  emptySecret: 'hemligheten är tom',
  emptyPassphrase: 'lösenfrasen är tom',
  passphrasesDiffer: 'de två lösenfraserna skiljer sig åt',

  sentPassword: 'Lösenord (visas en gång): {password}',
  sentReceipt: 'Kvitto: {link}',
  sentExpires: 'Går ut: {at} ({relative})',
  burned: 'Förstörd: länken fungerar inte längre.',
  noSecrets: 'Inga hemligheter.',
  notLoggedIn: 'Inte inloggad: ingen sparad nyckel.',

  hintNotAuthenticated: ' (sätt BURNLINK_API_KEY till en giltig nyckel, eller kör: burnlink login)',
  hintForbidden: ' (be en administratör om en nyckel med den behörigheten)',
  fail_not_found:
    'okänd hemlighet: den har aldrig funnits, har gått ut eller har redan visats eller förstörts',
  fail_wrong_passphrase: 'fel lösenfras; försök kvar innan hemligheten förstörs: {n}',
  fail_locked: 'fel lösenfras, och det var sista försöket: hemligheten har förstörts',
  fail_passphrase_required: 'hemligheten är skyddad med en lösenfras men ingen angavs (inget förbrukades)',
  fail_rate_limited: 'för många förfrågningar: försök igen senare',
  fail_invalid_request: 'servern avvisade förfrågan ({code})',
  fail_bad_link: 'ingen giltig burnlink-länk',
  fail_decrypt_failed:
    'hemligheten gick inte att dekryptera med den här länken: den är skadad eller ofullständig',
  fail_network: 'servern går inte att nå',
  fail_server: 'servern misslyckades eller svarade något oväntat',
  fail_cancelled: 'avbrutet',
  fail_restricted: 'hemlighetens begränsningar stoppade försöket ({code}); inget förbrukades',
  fail_verification_required: 'hemligheten öppnas bara för en bekräftad mottagare (inget förbrukades)',
  fail_verification_code_invalid:
    'bekräftelsekoden är fel, redan använd eller har gått ut (inget förbrukades)',
  fail_request_not_found:
    'okänd förfrågan: den har besvarats, förstörts eller gått ut, eller har aldrig funnits',
  fail_request_answered: 'den här förfrågan är redan besvarad: den tar bara emot ett svar',
};

export default sv;
