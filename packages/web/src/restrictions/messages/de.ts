import type { RestrictionMessages } from './en.js';

export const de: RestrictionMessages = {
  intro:
    'Der Server prüft dies, bevor sich das Geheimnis öffnet. Ein abgewiesener Versuch verbraucht nichts. Lass ein Feld leer, um es nicht zu nutzen.',
  recipientsLabel: 'E-Mail-Adressen der Empfänger',
  recipientsHint:
    'Der Empfänger wählt auf der Seite des Links seine Adresse und gibt einen 6-stelligen Code ein, den er per E-Mail erhält. Eine Adresse pro Zeile oder durch Kommas getrennt, höchstens {max}. Der Server behält die Adressen nur, bis das Geheimnis weg ist.',
  recipientsRequired: 'Deine Organisation verlangt das: Gib mindestens eine Adresse ein.',
  recipientsDomains: 'Deine Organisation erlaubt Adressen bei: {domains}.',
  verificationUnavailable:
    'Deine Organisation verlangt die Bestätigung der Empfänger, aber dieser Server kann keine E-Mails senden. Wende dich an den Betreiber.',
  networksLabel: 'Erlaubte Netzwerke',
  networksHint:
    'Das Geheimnis öffnet sich nur von diesen Adressen aus: IPv4- oder IPv6-Bereiche wie 203.0.113.0/24 oder 2001:db8::/32, einer pro Zeile oder durch Kommas getrennt.',
  networksPolicy:
    'Deine Organisation verlangt diese Netzwerke: {cidrs}. Du kannst sie einschränken; bleibt das Feld leer, gelten sie unverändert.',
  hoursToggle: 'Nur während der Bürozeiten',
  hoursDays: 'Tage',
  hoursStart: 'Von',
  hoursEnd: 'Bis',
  hoursZone: 'Zeitzone',
  hoursHint:
    'In der hier gewählten Zeitzone, egal wo der Empfänger ist. Ein Ende um 00:00 bedeutet Mitternacht.',
  hoursFixed: 'Deine Organisation verlangt Bürozeiten: {days}, {start}–{end} ({zone}).',
  countriesLabel: 'Erlaubte Länder',
  countriesHint:
    'Zweistellige Ländercodes wie NL, SE oder DE, durch Kommas oder Leerzeichen getrennt. Der Server ermittelt das Land einer Verbindung aus einer Standortdatenbank, die sich irren kann, etwa hinter einem VPN.',
  countriesNamed: 'Erlaubt: {names}.',
  countriesPolicy:
    'Deine Organisation erlaubt nur: {codes}. Du kannst die Liste einschränken; bleibt das Feld leer, gilt sie.',
  policyDefault: 'Mit der Vorgabe deiner Organisation vorausgefüllt. Du kannst es ändern.',
  passphraseRequired: 'Deine Organisation verlangt eine Passphrase.',
  passphraseMin: 'Deine Organisation verlangt eine Passphrase mit mindestens {n} Zeichen.',

  errEmail: '„{value}“ ist keine E-Mail-Adresse.',
  errTooMany: 'Zu viele Einträge: {count} von höchstens {max}.',
  errDomain: '„{value}“ liegt nicht bei einer Domain, die deine Organisation erlaubt ({domains}).',
  errCidr: '„{value}“ ist kein Netzwerk. Schreib eine Adresse und eine Präfixlänge, etwa 192.168.1.0/24.',
  errCidrPolicy: '{value} liegt außerhalb der Netzwerke, die deine Organisation erlaubt.',
  errDays: 'Wähle mindestens einen Tag für die Bürozeiten.',
  errTime: 'Gib die Bürozeiten in Stunden und Minuten ein, etwa 09:00.',
  errOrder: 'Die Bürozeiten müssen nach ihrem Beginn enden (nicht über Mitternacht hinaus).',
  errZone: '„{value}“ ist keine Zeitzone. Verwende einen Namen wie Europe/Berlin.',
  errCountry: '„{value}“ ist kein zweistelliger Ländercode.',
  errCountryPolicy: '{value} gehört nicht zu den Ländern, die deine Organisation erlaubt.',

  failInvalid:
    'Der Server hat die Einschränkungen nicht angenommen. Prüfe Adressen, Netzwerke, Bürozeiten und Länder.',
  failUnavailable:
    'Dieser Server kann eine dieser Einschränkungen nicht durchsetzen: Ihm fehlt ein Mailserver (für die Bestätigung der Empfänger) oder eine Standortdatenbank (für Länder). Entferne sie und versuche es erneut.',
  failPolicy: 'Die Regeln deiner Organisation erlauben dieses Geheimnis nicht: {rule}',
  rule_members_only: 'Nur aktuelle Mitglieder dürfen Geheimnisse erstellen.',
  rule_max_ttl: 'Die Lebensdauer ist länger als erlaubt.',
  rule_max_views: 'Es erlaubt mehr Aufrufe als zulässig.',
  rule_passphrase_required: 'Eine Passphrase ist Pflicht.',
  rule_passphrase_min_length: 'Die Passphrase ist zu kurz.',
  rule_verification_required: 'Die Bestätigung der Empfänger ist Pflicht.',
  rule_recipient_domains: 'Eine Empfängeradresse liegt bei einer nicht erlaubten Domain.',
  rule_networks: 'Die Netzwerke gehen über die erlaubten hinaus.',
  rule_countries: 'Die Länder gehen über die erlaubten hinaus.',
  rule_office_hours: 'Die Bürozeiten weichen von den vorgeschriebenen ab.',
  rule_server_encryption: 'Das Geheimnis muss im Browser verschlüsselt werden.',
  rule_unknown: 'Regel „{rule}“.',

  noteNetwork: 'Dieser Link öffnet sich nur aus bestimmten Netzwerken.',
  noteHours: 'Dieser Link öffnet sich nur zu bestimmten Zeiten.',
  noteCountry: 'Dieser Link öffnet sich nur aus bestimmten Ländern.',
  verifyLegend: 'Bestätige deine E-Mail-Adresse',
  verifyIntro:
    'Der Absender möchte, dass der Empfänger bestätigt wird. Wähle deine Adresse, dann erhältst du per E-Mail einen 6-stelligen Code.',
  verifyPick: 'Deine E-Mail-Adresse',
  sendCode: 'Code senden',
  sendNewCode: 'Neuen Code senden',
  sendingCode: 'Wird gesendet…',
  codeSent: 'Ein Code wurde an {to} gesendet. Er gilt bis {time}.',
  codeLabel: '6-stelliger Code',
  codeHint:
    'Aus der E-Mail. Kommt sie nicht innerhalb weniger Minuten an, sieh im Spam-Ordner nach oder sende einen neuen Code.',
  errPick: 'Wähle zuerst deine E-Mail-Adresse.',
  errCodeFormat: 'Gib den 6-stelligen Code aus der E-Mail ein.',
  errSendFirst: 'Sende zuerst einen Code an deine E-Mail-Adresse und gib ihn dann hier ein.',
  codeWrong_one: 'Dieser Code stimmt nicht. Noch 1 Versuch mit diesem Code.',
  codeWrong_other: 'Dieser Code stimmt nicht. Noch {n} Versuche mit diesem Code.',
  codeUsedUp:
    'Dieser Code gilt nicht mehr: Er wurde zu oft falsch eingegeben, schon verwendet oder ist abgelaufen. Sende einen neuen Code.',
  codeLimit:
    'Für dieses Geheimnis können keine Codes mehr gesendet werden. Bitte den Absender um einen neuen Link.',
  mailUnavailable: 'Die E-Mail konnte gerade nicht gesendet werden. Versuche es in ein paar Minuten erneut.',
  verificationRequired:
    'Dieses Geheimnis öffnet sich erst, wenn du deine E-Mail-Adresse bestätigst: Wähle sie, sende einen Code und gib ihn ein.',
  outsideHours:
    'Dieses Geheimnis öffnet sich nur zu den Zeiten, die der Absender gewählt hat. Es öffnet sich wieder am {when}.',
  outsideHoursLater:
    'Dieses Geheimnis öffnet sich nur zu den Zeiten, die der Absender gewählt hat, und jetzt ist es geschlossen.',
  networkRefused:
    'Dieses Geheimnis öffnet sich nur aus den Netzwerken, die der Absender gewählt hat, etwa einem Büronetz oder einem VPN, und deine Verbindung gehört nicht dazu.',
  countryRefused: 'Dieses Geheimnis kann aus dem Land, aus dem du dich verbindest, nicht geöffnet werden.',
  nothingUsed: 'Es wurde nichts verbraucht: Der Link funktioniert weiter, wenn du es erneut versuchst.',
};

export default de;
