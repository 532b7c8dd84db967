import type { RestrictionMessages } from './en.js';

export const sv: RestrictionMessages = {
  intro:
    'Servern kontrollerar detta innan hemligheten öppnas. Ett nekat försök förbrukar ingenting. Lämna ett fält tomt för att inte använda det.',
  recipientsLabel: 'Mottagarnas e-postadresser',
  recipientsHint:
    'Mottagaren väljer sin adress på länkens sida och skriver in en sexsiffrig kod som skickas med e-post. En adress per rad eller åtskilda med kommatecken, högst {max}. Servern sparar adresserna bara tills hemligheten är borta.',
  recipientsRequired: 'Din organisation kräver detta: ange minst en adress.',
  recipientsDomains: 'Din organisation tillåter adresser hos: {domains}.',
  verificationUnavailable:
    'Din organisation kräver att mottagaren bekräftas, men den här servern kan inte skicka e-post. Fråga den som driver den.',
  networksLabel: 'Tillåtna nätverk',
  networksHint:
    'Hemligheten öppnas bara från dessa adresser: IPv4- eller IPv6-intervall som 203.0.113.0/24 eller 2001:db8::/32, ett per rad eller åtskilda med kommatecken.',
  networksPolicy:
    'Din organisation kräver dessa nätverk: {cidrs}. Du får begränsa dem; lämnas fältet tomt gäller de som de är.',
  hoursToggle: 'Bara under kontorstid',
  hoursDays: 'Dagar',
  hoursStart: 'Från',
  hoursEnd: 'Till',
  hoursZone: 'Tidszon',
  hoursHint: 'I tidszonen som väljs här, var mottagaren än befinner sig. Slut 00:00 betyder midnatt.',
  hoursFixed: 'Din organisation kräver kontorstid: {days}, {start}–{end} ({zone}).',
  countriesLabel: 'Tillåtna länder',
  countriesHint:
    'Landskoder med två bokstäver som NL, SE eller DE, åtskilda med kommatecken eller mellanslag. Servern tar reda på en anslutnings land i en platsdatabas, som kan ha fel, till exempel bakom ett VPN.',
  countriesNamed: 'Tillåtna: {names}.',
  countriesPolicy:
    'Din organisation tillåter bara: {codes}. Du får korta listan; lämnas fältet tomt gäller den.',
  policyDefault: 'Förifyllt med din organisations standard. Du får ändra det.',
  passphraseRequired: 'Din organisation kräver en lösenfras.',
  passphraseMin: 'Din organisation kräver en lösenfras på minst {n} tecken.',

  errEmail: '”{value}” är ingen e-postadress.',
  errTooMany: 'För många poster: {count} av högst {max}.',
  errDomain: '”{value}” hör inte till en domän som din organisation tillåter ({domains}).',
  errCidr: '”{value}” är inget nätverk. Skriv en adress och en prefixlängd, som 192.168.1.0/24.',
  errCidrPolicy: '{value} ligger utanför de nätverk som din organisation tillåter.',
  errDays: 'Välj minst en dag för kontorstiden.',
  errTime: 'Ange kontorstiden i timmar och minuter, som 09:00.',
  errOrder: 'Kontorstiden måste sluta efter att den börjar (den kan inte gå över midnatt).',
  errZone: '”{value}” är ingen tidszon. Använd ett namn som Europe/Stockholm.',
  errCountry: '”{value}” är ingen landskod med två bokstäver.',
  errCountryPolicy: '{value} hör inte till de länder som din organisation tillåter.',

  failInvalid: 'Servern godtog inte begränsningarna. Kontrollera adresser, nätverk, kontorstid och länder.',
  failUnavailable:
    'Den här servern kan inte upprätthålla en av begränsningarna: den saknar e-postserver (för att bekräfta mottagare) eller platsdatabas (för länder). Ta bort den och försök igen.',
  failPolicy: 'Din organisations regler tillåter inte den här hemligheten: {rule}',
  rule_members_only: 'bara nuvarande medlemmar får skapa hemligheter.',
  rule_max_ttl: 'livslängden är längre än tillåtet.',
  rule_max_views: 'den tillåter fler visningar än tillåtet.',
  rule_passphrase_required: 'en lösenfras krävs.',
  rule_passphrase_min_length: 'lösenfrasen är för kort.',
  rule_verification_required: 'bekräftelse av mottagaren krävs.',
  rule_recipient_domains: 'en mottagaradress hör till en domän som inte är tillåten.',
  rule_networks: 'nätverken går utöver de tillåtna.',
  rule_countries: 'länderna går utöver de tillåtna.',
  rule_office_hours: 'kontorstiden skiljer sig från den som krävs.',
  rule_server_encryption: 'hemligheten måste krypteras i webbläsaren.',
  rule_unknown: 'regeln ”{rule}”.',

  noteNetwork: 'Den här länken öppnas bara från vissa nätverk.',
  noteHours: 'Den här länken öppnas bara vissa tider.',
  noteCountry: 'Den här länken öppnas bara från vissa länder.',
  verifyLegend: 'Bekräfta din e-postadress',
  verifyIntro:
    'Avsändaren vill att mottagaren bekräftas. Välj din adress, så får du en sexsiffrig kod med e-post.',
  verifyPick: 'Din e-postadress',
  sendCode: 'Skicka kod',
  sendNewCode: 'Skicka en ny kod',
  sendingCode: 'Skickar…',
  codeSent: 'En kod skickades till {to}. Den gäller till {time}.',
  codeLabel: 'Sexsiffrig kod',
  codeHint:
    'Från e-postmeddelandet. Kommer det inte inom några minuter, titta i skräpposten eller skicka en ny kod.',
  errPick: 'Välj din e-postadress först.',
  errCodeFormat: 'Skriv in den sexsiffriga koden från e-postmeddelandet.',
  errSendFirst: 'Skicka först en kod till din e-postadress och skriv sedan in den här.',
  codeWrong_one: 'Koden stämmer inte. 1 försök kvar med den här koden.',
  codeWrong_other: 'Koden stämmer inte. {n} försök kvar med den här koden.',
  codeUsedUp:
    'Den här koden fungerar inte längre: den angavs fel för många gånger, har redan använts eller har gått ut. Skicka en ny kod.',
  codeLimit: 'Det går inte att skicka fler koder för den här hemligheten. Be avsändaren om en ny länk.',
  mailUnavailable: 'E-postmeddelandet kunde inte skickas just nu. Försök igen om några minuter.',
  verificationRequired:
    'Den här hemligheten öppnas först när du bekräftar din e-postadress: välj den, skicka en kod och skriv in koden.',
  outsideHours:
    'Den här hemligheten öppnas bara under de tider avsändaren valt. Nästa gång den öppnas är {when}.',
  outsideHoursLater: 'Den här hemligheten öppnas bara under de tider avsändaren valt, och nu är den stängd.',
  networkRefused:
    'Den här hemligheten öppnas bara från de nätverk avsändaren valt, till exempel ett kontorsnät eller ett VPN, och din anslutning är inte ett av dem.',
  countryRefused: 'Den här hemligheten kan inte öppnas från landet du ansluter från.',
  nothingUsed: 'Ingenting förbrukades: länken fungerar fortfarande när du försöker igen.',
};

export default sv;
