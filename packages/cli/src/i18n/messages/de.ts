import type { CliMessages } from './en.js';

/** Deutsch (informell, wie die Web-App). */
export const de: CliMessages = {
  help: `Aufruf: burnlink BEFEHL [Optionen]

Einmalige, Ende-zu-Ende-verschlüsselte Geheimnis-Links. Geheimnisse werden auf diesem Rechner verschlüsselt;
der Server sieht den Schlüssel nie (er steht im #Fragment des Links, das nie gesendet wird).

Befehle:
  send [TEXT]            ein Geheimnis verschlüsseln und hochladen (TEXT, stdin oder Eingabe;
                         --file PFAD hängt Dateien an); gibt seinen Link aus
  get LINK               einen Link einmal öffnen; gibt das Geheimnis aus (--output VERZ speichert
                         die Dateien)
  request [BESCHREIBUNG] jemanden um ein Geheimnis bitten: gibt den Anfrage-Link zum Weitergeben aus (der
                         Posteingangs-Link, mit dem get die Antwort liest, geht nach stderr)
  respond ANFRAGE_LINK   eine Anfrage mit einem Geheimnis von stdin beantworten (--file PFAD hängt Dateien an)
  status BELEG_LINK      was mit einem von dir gesendeten Geheimnis passiert ist
  burn BELEG_LINK|ID     ein von dir gesendetes Geheimnis sofort vernichten (per ID oder Geheimnis-Link mit
                         API-Schlüssel)
  list                   die Geheimnisse deiner Organisation (--scope own|team|org); braucht einen
                         API-Schlüssel
  login                  einen API-Schlüssel für einen Server speichern (verdeckt gelesen oder von stdin);
                         logout löscht ihn
  generate               ein zufälliges Passwort ausgeben
  serve                  den burnlink-Server starten
  admin BEFEHL           Konten in den Speichern des Servers verwalten: create-org, invite, create-key,
                         list-keys, revoke-key, audit (siehe: burnlink admin --help)

\`burnlink BEFEHL --help\` zeigt die Optionen eines Befehls.

Umgebung:
  BURNLINK_URL           Server für send, status, burn und list (Standard: der Server von burnlink login,
                         sonst http://127.0.0.1:8080)
  BURNLINK_API_KEY       API-Schlüssel (bl_…) für diesen Server: gesendete Geheimnisse gehören zu seiner
                         Organisation; list und burn per ID brauchen ihn (burnlink login speichert
                         stattdessen einen)
  BURNLINK_PASSPHRASE    Passphrase, wenn kein Terminal zum Fragen da ist (send --passphrase, get)

Exit-Codes:
  0 ok · 1 unerwarteter Fehler · 2 falscher Aufruf oder Eingabe · 3 unbekanntes, abgelaufenes oder schon
  benutztes Geheimnis · 4 falsche Passphrase · 5 gesperrt (nach zu vielen falschen Passphrasen vernichtet)
  6 Server nicht erreichbar · 7 Serverfehler · 8 zu viele Anfragen · 9 Passphrase nötig, aber keine verfügbar
  10 eine Datei konnte nicht nach --output geschrieben werden · 11 kein API-Schlüssel oder vom Server
  abgelehnt (401) · 12 dem API-Schlüssel fehlt Berechtigung oder Reichweite (403) · 13 von den
  Einschränkungen des Geheimnisses abgelehnt (Bürozeiten, Netzwerk, Land) · 14 Empfängerbestätigung nötig
  oder der Code war falsch · 15 die Anfrage hat noch keine Antwort (get POSTEINGANGS_LINK)
  130 abgebrochen (Strg-C)

Optionen:
  -h, --help             diese Hilfe zeigen
  -v, --version          die Version ausgeben
`,

  unknownCommand: 'unbekannter Befehl{name}',
  unknownCommandLinkHint: '; einen Link öffnest du mit: burnlink get LINK',
  unknownCommandHelpHint: ' (siehe: burnlink --help)',
  cancelled: 'abgebrochen',
  unexpected: 'unerwarteter Fehler ({kind}); bitte melde ihn',

  promptSecret: 'Geheimnis (verdeckt): ',
  promptPassphrase: 'Passphrase: ',
  promptPassphraseAgain: 'Passphrase (wiederholen): ',
  promptApiKey: 'API-Schlüssel (verdeckt): ',
  promptSendCode: 'Code senden? [1]: ',
  promptAddress: 'Deine Adresse [1-{count}]: ',
  promptCode: 'Bestätigungscode: ',
  emptySecret: 'das Geheimnis ist leer',
  emptyPassphrase: 'die Passphrase ist leer',
  passphrasesDiffer: 'die beiden Passphrasen stimmen nicht überein',

  sentPassword: 'Passwort (wird nur einmal gezeigt): {password}',
  sentReceipt: 'Beleg: {link}',
  sentExpires: 'Läuft ab: {at} ({relative})',
  burned: 'Vernichtet: Der Link funktioniert nicht mehr.',
  noSecrets: 'Keine Geheimnisse.',
  notLoggedIn: 'Nicht angemeldet: kein Schlüssel gespeichert.',

  hintNotAuthenticated:
    ' (setze BURNLINK_API_KEY auf einen gültigen Schlüssel oder führe burnlink login aus)',
  hintForbidden: ' (bitte eine Admin-Person um einen Schlüssel mit dieser Berechtigung)',
  fail_not_found:
    'unbekanntes Geheimnis: Es hat nie existiert, ist abgelaufen oder wurde schon angesehen oder vernichtet',
  fail_wrong_passphrase:
    'falsche Passphrase; verbleibende Versuche, bevor das Geheimnis vernichtet wird: {n}',
  fail_locked: 'falsche Passphrase, und das war der letzte Versuch: Das Geheimnis wurde vernichtet',
  fail_passphrase_required:
    'dieses Geheimnis ist mit einer Passphrase geschützt, aber es wurde keine angegeben (nichts wurde verbraucht)',
  fail_rate_limited: 'zu viele Anfragen: versuche es später noch einmal',
  fail_invalid_request: 'der Server hat die Anfrage abgelehnt ({code})',
  fail_bad_link: 'kein gültiger burnlink-Link',
  fail_decrypt_failed:
    'das Geheimnis ließ sich mit diesem Link nicht entschlüsseln: Er ist beschädigt oder unvollständig',
  fail_network: 'der Server ist nicht erreichbar',
  fail_server: 'der Server hat einen Fehler gemeldet oder unerwartet geantwortet',
  fail_cancelled: 'abgebrochen',
  fail_restricted:
    'die Einschränkungen des Geheimnisses haben diesen Versuch abgelehnt ({code}); nichts wurde verbraucht',
  fail_verification_required:
    'dieses Geheimnis öffnet sich nur für bestätigte Empfänger (nichts wurde verbraucht)',
  fail_verification_code_invalid:
    'der Bestätigungscode ist falsch, schon benutzt oder abgelaufen (nichts wurde verbraucht)',
  fail_request_not_found:
    'unbekannte Anfrage: sie wurde beantwortet, vernichtet oder ist abgelaufen, oder es gab sie nie',
  fail_request_answered: 'diese Anfrage wurde bereits beantwortet: sie nimmt nur eine Antwort an',
};

export default de;
