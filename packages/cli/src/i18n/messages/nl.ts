import type { CliMessages } from './en.js';

/** Nederlands. */
export const nl: CliMessages = {
  help: `Gebruik: burnlink OPDRACHT [opties]

Eenmalige, end-to-end versleutelde geheime links. Geheimen worden op deze computer versleuteld; de server
ziet de sleutel nooit (die staat in het #fragment van de link, dat nooit wordt verstuurd).

Opdrachten:
  send [TEKST]           een geheim versleutelen en uploaden (TEKST, stdin of een vraag; --file PAD voegt
                         bestanden toe); toont de link
  get LINK               een link één keer openen; toont het geheim (--output MAP bewaart de bestanden)
  request [OMSCHRIJVING] iemand om een geheim vragen: toont de verzoeklink om door te sturen (de inboxlink,
                         om het antwoord met get te lezen, gaat naar stderr)
  respond VERZOEKLINK    een verzoek beantwoorden met een geheim van stdin (--file PAD voegt bestanden toe)
  status BEWIJS_LINK     wat er gebeurde met een geheim dat je stuurde
  burn BEWIJS_LINK|ID    een geheim dat je stuurde nu vernietigen (met een ID of geheime link: met
                         API-sleutel)
  list                   de geheimen van je organisatie (--scope own|team|org); vraagt een API-sleutel
  login                  een API-sleutel voor een server bewaren (verborgen gelezen, of van stdin); logout
                         verwijdert hem
  generate               een willekeurig wachtwoord tonen
  serve                  de burnlink-server starten
  admin OPDRACHT         accounts in de opslag van de server beheren: create-org, invite, create-key,
                         list-keys, revoke-key, audit (zie: burnlink admin --help)

\`burnlink OPDRACHT --help\` toont de opties van een opdracht.

Omgeving:
  BURNLINK_URL           server voor send, status, burn en list (standaard: de server van burnlink login,
                         anders http://127.0.0.1:8080)
  BURNLINK_API_KEY       API-sleutel (bl_…) voor die server: geheimen die je stuurt horen bij zijn
                         organisatie; list en burn met een ID hebben hem nodig (burnlink login bewaart er een)
  BURNLINK_PASSPHRASE    wachtzin als er geen terminal is om naar te vragen (send --passphrase, get)

Afsluitcodes:
  0 ok · 1 onverwachte fout · 2 verkeerd gebruik of invoer · 3 onbekend, verlopen of al gebruikt geheim
  4 verkeerde wachtzin · 5 vergrendeld (vernietigd na te veel verkeerde wachtzinnen) · 6 server onbereikbaar
  7 serverfout · 8 te veel verzoeken · 9 wachtzin nodig maar niet beschikbaar
  10 een bestand kon niet naar --output worden geschreven · 11 geen API-sleutel, of de server weigerde hem
  (401) · 12 de API-sleutel mist de bevoegdheid of het bereik (403) · 13 geweigerd door de beperkingen van
  het geheim (kantooruren, netwerk, land) · 14 bevestiging van de ontvanger nodig of de code was fout
  15 het verzoek heeft nog geen antwoord (get INBOXLINK) · 130 afgebroken (Ctrl-C)

Opties:
  -h, --help             deze hulp tonen
  -v, --version          de versie tonen
`,

  unknownCommand: 'onbekende opdracht{name}',
  unknownCommandLinkHint: '; een link open je met: burnlink get LINK',
  unknownCommandHelpHint: ' (zie: burnlink --help)',
  cancelled: 'afgebroken',
  unexpected: 'onverwachte fout ({kind}); meld het alsjeblieft',

  promptSecret: 'Geheim (verborgen): ',
  promptPassphrase: 'Wachtzin: ',
  promptPassphraseAgain: 'Wachtzin (nogmaals): ',
  promptApiKey: 'API-sleutel (verborgen): ',
  promptSendCode: 'Code versturen? [1]: ',
  promptAddress: 'Je adres [1-{count}]: ',
  promptCode: 'Bevestigingscode: ',
  emptySecret: 'het geheim is leeg',
  emptyPassphrase: 'de wachtzin is leeg',
  passphrasesDiffer: 'de twee wachtzinnen verschillen',

  sentPassword: 'Wachtwoord (één keer getoond): {password}',
  sentReceipt: 'Bewijs: {link}',
  sentExpires: 'Verloopt: {at} ({relative})',
  burned: 'Vernietigd: de link werkt niet meer.',
  noSecrets: 'Geen geheimen.',
  notLoggedIn: 'Niet ingelogd: geen sleutel bewaard.',

  hintNotAuthenticated: ' (zet BURNLINK_API_KEY op een geldige sleutel, of voer burnlink login uit)',
  hintForbidden: ' (vraag een beheerder om een sleutel met die bevoegdheid)',
  fail_not_found: 'onbekend geheim: het bestond nooit, is verlopen, of is al bekeken of vernietigd',
  fail_wrong_passphrase: 'verkeerde wachtzin; pogingen over voordat het geheim wordt vernietigd: {n}',
  fail_locked: 'verkeerde wachtzin, en dat was de laatste poging: het geheim is vernietigd',
  fail_passphrase_required:
    'dit geheim is beveiligd met een wachtzin, maar er is er geen gegeven (er is niets verbruikt)',
  fail_rate_limited: 'te veel verzoeken: probeer het later nog eens',
  fail_invalid_request: 'de server weigerde het verzoek ({code})',
  fail_bad_link: 'geen geldige burnlink-link',
  fail_decrypt_failed:
    'het geheim kon met deze link niet worden ontsleuteld: hij is beschadigd of onvolledig',
  fail_network: 'de server is niet bereikbaar',
  fail_server: 'de server gaf een fout of een onverwacht antwoord',
  fail_cancelled: 'afgebroken',
  fail_restricted: 'de beperkingen van het geheim weigerden deze poging ({code}); er is niets verbruikt',
  fail_verification_required:
    'dit geheim gaat alleen open voor een bevestigde ontvanger (er is niets verbruikt)',
  fail_verification_code_invalid:
    'de bevestigingscode is fout, al gebruikt of verlopen (er is niets verbruikt)',
  fail_request_not_found: 'onbekend verzoek: het is beantwoord, vernietigd of verlopen, of bestond nooit',
  fail_request_answered: 'dit verzoek is al beantwoord: het neemt maar één antwoord aan',
};

export default nl;
