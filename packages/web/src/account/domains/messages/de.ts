import type { DomainMessages } from './en.js';

/** Deutsch (informell, wie die übrigen Seiten). */
export const de: DomainMessages = {
  domainsTitle: 'Domains',
  domainsIntro:
    'Biete diesen Dienst unter deiner eigenen Domain an, mit Namen, Logo und Farbe deiner Organisation. Links, die deine Mitglieder erstellen, verwenden dann diese Domain.',
  domainsRoleNeeded:
    'Domains und Erscheinungsbild verwalten Eigentümer und Administratoren. Deine Rolle ist {role}.',
  domainsList: 'Deine Domains',
  domainsNone: 'Noch keine Domains.',
  statePending: 'Ausstehend',
  stateActive: 'Aktiv',
  stateSuspended: 'Gesperrt',
  pendingText: 'Noch nicht in Betrieb: Veröffentliche den DNS-Eintrag unten und wähle dann „Jetzt prüfen“.',
  activeText: 'In Betrieb mit deinem Erscheinungsbild seit {date}.',
  missingText:
    'Der DNS-Eintrag fehlt seit {date}. Veröffentliche ihn erneut, sonst wird die Domain gesperrt.',
  suspendedText:
    'Gesperrt seit {date}: Der DNS-Eintrag fehlte zu lange. Veröffentliche ihn erneut und prüfe die Domain.',
  lastCheck: 'Letzte Prüfung, {date}: {result}',
  neverChecked: 'Noch nicht geprüft.',
  checkVerified: 'Der Eintrag wurde gefunden; die Domain ist bestätigt.',
  checkNoRecord: 'Unter diesem Namen wurde kein TXT-Eintrag gefunden.',
  checkWrongRecord: 'Ein TXT-Eintrag wurde gefunden, aber mit einem anderen Wert.',
  checkDnsError:
    'Die DNS-Server haben nicht geantwortet, daher hat sich nichts geändert. Versuche es später erneut.',
  checkTaken: 'Eine andere Organisation hat diese Domain zuerst bestätigt.',
  txtRecord: 'Zu veröffentlichender DNS-Eintrag (Typ TXT)',
  txtName: 'Name des Eintrags',
  txtValue: 'Wert des Eintrags',
  copyTxtName: 'Namen des Eintrags kopieren',
  copyTxtValue: 'Wert des Eintrags kopieren',
  verifyNow: 'Jetzt prüfen',
  verifying: 'Wird geprüft…',
  remove: 'Entfernen',
  removeConfirm: '{name} entfernen? Seiten und Links unter dieser Domain funktionieren dann nicht mehr.',
  removeYes: 'Ja, entfernen',
  removed: '{name} wurde entfernt.',
  addTitle: 'Domain hinzufügen',
  addName: 'Domainname',
  addHint:
    'Ein Hostname wie secrets.example.com. Danach weist du mit einem DNS-Eintrag nach, dass er dir gehört.',
  addButton: 'Domain hinzufügen',
  adding: 'Wird hinzugefügt…',
  added: '{name} wurde hinzugefügt. Veröffentliche den DNS-Eintrag und prüfe die Domain dann.',
  addMissing: 'Gib zuerst einen Domainnamen ein.',
  errInvalidDomain:
    'Dieser Server kann diesen Namen nicht bedienen: Verwende einen Hostnamen wie secrets.example.com, keine IP-Adresse und nicht die eigene Adresse dieses Servers.',
  errDomainTaken: 'Diese Domain wird bereits verwendet, von deiner oder einer anderen Organisation.',
  errTooManyDomains:
    'Deine Organisation hat bereits die höchstens erlaubte Zahl an Domains (20). Entferne zuerst eine.',
  errInvalidLogo:
    'Der Server hat dieses Bild nicht angenommen. Verwende ein PNG mit höchstens 1024 × 1024 Pixeln oder ein einfaches SVG, höchstens 64 KB groß.',
  errBrandingUnavailable: 'Das Erscheinungsbild ist auf diesem Server nicht verfügbar (Code: {code}).',
  brandingTitle: 'Erscheinungsbild',
  brandingIntro:
    'Wie Seiten unter deinen Domains aussehen. Die Hauptadresse dieses Servers behält ihr eigenes Aussehen.',
  brandingNotSet:
    'Noch kein Erscheinungsbild: Seiten unter deinen Domains sehen wie die dieses Servers aus, bis du es speicherst.',
  brandingName: 'Name',
  brandingNameHint: 'Steht im Kopf der Seiten unter deinen Domains.',
  brandingAccent: 'Akzentfarbe',
  brandingAccentHint: 'Als # und sechs Hexadezimalziffern, etwa #0a7d38. Leer lassen für die übliche Farbe.',
  brandingAccentPick: 'Akzentfarbe wählen',
  brandingSupport: 'Support-Kontakt (optional)',
  brandingSupportHint:
    'Eine E-Mail-Adresse oder eine Adresse, die mit https:// beginnt; steht in der Fußzeile.',
  brandingLanguage: 'Standardsprache',
  brandingLanguageNone: 'Die Browsersprache der Besucher',
  brandingLanguageHint: 'Gilt, wenn Besucher keine Sprache gewählt haben.',
  brandingSave: 'Erscheinungsbild speichern',
  brandingSaving: 'Wird gespeichert…',
  brandingSaved: 'Erscheinungsbild gespeichert.',
  errName: 'Gib einen Namen mit höchstens 80 Zeichen ein.',
  errAccent: 'Gib die Farbe als # und sechs Hexadezimalziffern ein, etwa #0a7d38, oder lass das Feld leer.',
  errSupport:
    'Gib eine E-Mail-Adresse oder eine Adresse ein, die mit https:// beginnt, oder lass das Feld leer.',
  logoTitle: 'Logo',
  logoFile: 'Logodatei (SVG oder PNG, höchstens 64 KB)',
  logoCurrentSvg: 'Aktuelles Logo: ein SVG-Bild.',
  logoCurrentPng: 'Aktuelles Logo: ein PNG-Bild.',
  logoNone: 'Noch kein Logo: Die Seiten zeigen nur den Namen.',
  logoUpload: 'Logo hochladen',
  logoUploading: 'Wird hochgeladen…',
  logoUploaded: 'Logo hochgeladen.',
  logoRemove: 'Logo entfernen',
  logoRemoveConfirm: 'Das Logo entfernen? Seiten unter deinen Domains zeigen dann nur den Namen.',
  logoRemoveYes: 'Ja, Logo entfernen',
  logoRemoved: 'Logo entfernt.',
  logoChoose: 'Wähle zuerst eine Datei.',
  logoErrType: 'Wähle eine SVG- oder PNG-Datei.',
  logoErrSize: 'Diese Datei ist größer als 64 KB.',
  logoErrRead: 'Diese Datei konnte nicht gelesen werden.',
  previewTitle: 'Vorschau',
};

export default de;
