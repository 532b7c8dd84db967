import type { RestrictionMessages } from './en.js';

/** Italiano. */
export const it: RestrictionMessages = {
  intro:
    'Il server verifica queste condizioni prima che il segreto si apra. Un tentativo respinto non consuma nulla. Lascia vuoto un campo per non usarlo.',
  recipientsLabel: 'Indirizzi email dei destinatari',
  recipientsHint:
    'Il destinatario sceglie il proprio indirizzo nella pagina del link e inserisce un codice di 6 cifre che riceve via email. Un indirizzo per riga o separati da virgole, al massimo {max}. Il server conserva gli indirizzi solo finché il segreto esiste.',
  recipientsRequired: 'La tua organizzazione lo richiede: inserisci almeno un indirizzo.',
  recipientsDomains: 'La tua organizzazione ammette indirizzi in: {domains}.',
  verificationUnavailable:
    'La tua organizzazione richiede la verifica del destinatario, ma questo server non può inviare email. Chiedi all’amministratore.',
  networksLabel: 'Reti consentite',
  networksHint:
    'Il segreto si apre solo da questi indirizzi: intervalli IPv4 o IPv6 come 203.0.113.0/24 o 2001:db8::/32, uno per riga o separati da virgole.',
  networksPolicy:
    'La tua organizzazione richiede queste reti: {cidrs}. Puoi restringerle; se lasci vuoto il campo, valgono così come sono.',
  hoursToggle: 'Solo in orario d’ufficio',
  hoursDays: 'Giorni',
  hoursStart: 'Dalle',
  hoursEnd: 'Alle',
  hoursZone: 'Fuso orario',
  hoursHint:
    'Nel fuso orario scelto qui, qualunque sia quello del destinatario. Una fine alle 00:00 significa mezzanotte.',
  hoursFixed: 'La tua organizzazione richiede un orario d’ufficio: {days}, {start}–{end} ({zone}).',
  countriesLabel: 'Paesi consentiti',
  countriesHint:
    'Codici di paese di due lettere come IT, NL o DE, separati da virgole o spazi. Il server ricava il paese di una connessione da un database di geolocalizzazione, che può sbagliare, per esempio dietro una VPN.',
  countriesNamed: 'Consentiti: {names}.',
  countriesPolicy:
    'La tua organizzazione consente solo: {codes}. Puoi restringere l’elenco; se lasci vuoto il campo, vale così com’è.',
  policyDefault: 'Precompilato con il valore predefinito della tua organizzazione. Puoi modificarlo.',
  passphraseRequired: 'La tua organizzazione richiede una frase d’accesso.',
  passphraseMin: 'La tua organizzazione richiede una frase d’accesso di almeno {n} caratteri.',

  errEmail: '«{value}» non è un indirizzo email.',
  errTooMany: 'Troppe voci: {count} su un massimo di {max}.',
  errDomain: '«{value}» non appartiene a un dominio consentito dalla tua organizzazione ({domains}).',
  errCidr: '«{value}» non è una rete. Scrivi un indirizzo e una lunghezza di prefisso, come 192.168.1.0/24.',
  errCidrPolicy: '{value} è fuori dalle reti consentite dalla tua organizzazione.',
  errDays: 'Scegli almeno un giorno per l’orario d’ufficio.',
  errTime: 'Inserisci l’orario d’ufficio in ore e minuti, come 09:00.',
  errOrder: 'L’orario d’ufficio deve finire dopo l’inizio (non può andare oltre la mezzanotte).',
  errZone: '«{value}» non è un fuso orario. Usa un nome come Europe/Rome.',
  errCountry: '«{value}» non è un codice di paese di due lettere.',
  errCountryPolicy: '{value} non è tra i paesi consentiti dalla tua organizzazione.',

  failInvalid:
    'Il server non ha accettato le restrizioni. Controlla indirizzi, reti, orario d’ufficio e paesi.',
  failUnavailable:
    'Questo server non può applicare una di queste restrizioni: non ha un server di posta (per la verifica del destinatario) o un database di geolocalizzazione (per i paesi). Rimuovila e riprova.',
  failPolicy: 'Le regole della tua organizzazione non consentono questo segreto: {rule}',
  rule_members_only: 'solo i membri attuali possono creare segreti.',
  rule_max_ttl: 'la durata supera quella consentita.',
  rule_max_views: 'consente più visualizzazioni di quelle ammesse.',
  rule_passphrase_required: 'è richiesta una frase d’accesso.',
  rule_passphrase_min_length: 'la frase d’accesso è troppo corta.',
  rule_verification_required: 'è richiesta la verifica del destinatario.',
  rule_recipient_domains: 'un indirizzo del destinatario appartiene a un dominio non consentito.',
  rule_networks: 'le reti vanno oltre quelle consentite.',
  rule_countries: 'i paesi vanno oltre quelli consentiti.',
  rule_office_hours: 'l’orario d’ufficio è diverso da quello richiesto.',
  rule_server_encryption: 'il segreto deve essere cifrato nel browser.',
  rule_unknown: 'regola «{rule}».',

  noteNetwork: 'Questo link si apre solo da determinate reti.',
  noteHours: 'Questo link si apre solo in determinati orari.',
  noteCountry: 'Questo link si apre solo da determinati paesi.',
  verifyLegend: 'Conferma il tuo indirizzo email',
  verifyIntro:
    'Il mittente ha chiesto di confermare il destinatario. Scegli il tuo indirizzo e riceverai via email un codice di 6 cifre.',
  verifyPick: 'Il tuo indirizzo email',
  sendCode: 'Invia il codice',
  sendNewCode: 'Invia un nuovo codice',
  sendingCode: 'Invio in corso…',
  codeSent: 'È stato inviato un codice a {to}. È valido fino alle {time}.',
  codeLabel: 'Codice di 6 cifre',
  codeHint:
    'Lo trovi nell’email. Se non arriva entro qualche minuto, controlla la cartella dello spam o invia un nuovo codice.',
  errPick: 'Scegli prima il tuo indirizzo email.',
  errCodeFormat: 'Inserisci il codice di 6 cifre ricevuto via email.',
  errSendFirst: 'Invia prima un codice al tuo indirizzo email, poi inseriscilo qui.',
  codeWrong_one: 'Il codice non è corretto. Ancora 1 tentativo con questo codice.',
  codeWrong_many: 'Il codice non è corretto. Ancora {n} di tentativi con questo codice.',
  codeWrong_other: 'Il codice non è corretto. Ancora {n} tentativi con questo codice.',
  codeUsedUp:
    'Questo codice non funziona più: è stato inserito male troppe volte, è già stato usato o è scaduto. Invia un nuovo codice.',
  codeLimit: 'Per questo segreto non si possono inviare altri codici. Chiedi al mittente un nuovo link.',
  mailUnavailable: 'Al momento non è stato possibile inviare l’email. Riprova tra qualche minuto.',
  verificationRequired:
    'Questo segreto si apre solo dopo che hai confermato il tuo indirizzo email: sceglilo, invia un codice e inseriscilo.',
  outsideHours: 'Questo segreto si apre solo negli orari scelti dal mittente. La prossima apertura: {when}.',
  outsideHoursLater: 'Questo segreto si apre solo negli orari scelti dal mittente, e ora è chiuso.',
  networkRefused:
    'Questo segreto si apre solo dalle reti scelte dal mittente, come la rete di un ufficio o una VPN, e la tua connessione non è tra queste.',
  countryRefused: 'Questo segreto non si può aprire dal paese da cui ti stai connettendo.',
  nothingUsed: 'Non è stato consumato nulla: il link funziona ancora quando riprovi.',
};

export default it;
