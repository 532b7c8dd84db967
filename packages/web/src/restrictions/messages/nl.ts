import type { RestrictionMessages } from './en.js';

export const nl: RestrictionMessages = {
  intro:
    'De server controleert dit voordat het geheim opengaat. Een geweigerde poging verbruikt niets. Laat een veld leeg om het niet te gebruiken.',
  recipientsLabel: 'E-mailadressen van ontvangers',
  recipientsHint:
    'De ontvanger kiest op de pagina van de link zijn adres en vult een code van 6 cijfers in die per e-mail wordt gestuurd. Eén adres per regel of gescheiden door komma’s, hoogstens {max}. De server bewaart de adressen alleen tot het geheim weg is.',
  recipientsRequired: 'Je organisatie vereist dit: vul minstens één adres in.',
  recipientsDomains: 'Je organisatie staat adressen toe bij: {domains}.',
  verificationUnavailable:
    'Je organisatie vereist bevestiging van de ontvanger, maar deze server kan geen e-mail versturen. Vraag het de beheerder.',
  networksLabel: 'Toegestane netwerken',
  networksHint:
    'Het geheim gaat alleen open vanaf deze adressen: IPv4- of IPv6-reeksen zoals 203.0.113.0/24 of 2001:db8::/32, één per regel of gescheiden door komma’s.',
  networksPolicy:
    'Je organisatie vereist deze netwerken: {cidrs}. Je mag ze verkleinen; laat je het veld leeg, dan gelden ze zoals ze zijn.',
  hoursToggle: 'Alleen tijdens kantooruren',
  hoursDays: 'Dagen',
  hoursStart: 'Van',
  hoursEnd: 'Tot',
  hoursZone: 'Tijdzone',
  hoursHint:
    'In de tijdzone die je hier kiest, waar de ontvanger ook is. Een einde om 00:00 betekent middernacht.',
  hoursFixed: 'Je organisatie vereist kantooruren: {days}, {start}–{end} ({zone}).',
  countriesLabel: 'Toegestane landen',
  countriesHint:
    'Landcodes van twee letters zoals NL, SE of DE, gescheiden door komma’s of spaties. De server bepaalt het land van een verbinding met een locatiedatabase, die zich kan vergissen, bijvoorbeeld achter een VPN.',
  countriesNamed: 'Toegestaan: {names}.',
  countriesPolicy:
    'Je organisatie staat alleen toe: {codes}. Je mag de lijst verkleinen; laat je het veld leeg, dan geldt die.',
  policyDefault: 'Vooraf ingevuld met de standaard van je organisatie. Je mag het wijzigen.',
  passphraseRequired: 'Je organisatie vereist een wachtwoordzin.',
  passphraseMin: 'Je organisatie vereist een wachtwoordzin van minstens {n} tekens.',

  errEmail: '‘{value}’ is geen e-mailadres.',
  errTooMany: 'Te veel invoer: {count} van hoogstens {max}.',
  errDomain: '‘{value}’ hoort niet bij een domein dat je organisatie toestaat ({domains}).',
  errCidr: '‘{value}’ is geen netwerk. Schrijf een adres en een prefixlengte, zoals 192.168.1.0/24.',
  errCidrPolicy: '{value} valt buiten de netwerken die je organisatie toestaat.',
  errDays: 'Kies minstens één dag voor de kantooruren.',
  errTime: 'Vul de kantooruren in als uren en minuten, zoals 09:00.',
  errOrder: 'De kantooruren moeten eindigen na het begin (niet over middernacht heen).',
  errZone: '‘{value}’ is geen tijdzone. Gebruik een naam zoals Europe/Amsterdam.',
  errCountry: '‘{value}’ is geen landcode van twee letters.',
  errCountryPolicy: '{value} hoort niet bij de landen die je organisatie toestaat.',

  failInvalid:
    'De server heeft de beperkingen niet aanvaard. Controleer de adressen, netwerken, kantooruren en landen.',
  failUnavailable:
    'Deze server kan een van deze beperkingen niet afdwingen: hij heeft geen mailserver (voor bevestiging van de ontvanger) of geen locatiedatabase (voor landen). Haal die beperking weg en probeer het opnieuw.',
  failPolicy: 'De regels van je organisatie staan dit geheim niet toe: {rule}',
  rule_members_only: 'alleen huidige leden mogen geheimen maken.',
  rule_max_ttl: 'de levensduur is langer dan toegestaan.',
  rule_max_views: 'het staat meer weergaven toe dan toegestaan.',
  rule_passphrase_required: 'een wachtwoordzin is verplicht.',
  rule_passphrase_min_length: 'de wachtwoordzin is te kort.',
  rule_verification_required: 'bevestiging van de ontvanger is verplicht.',
  rule_recipient_domains: 'een ontvangersadres hoort bij een domein dat niet is toegestaan.',
  rule_networks: 'de netwerken gaan verder dan de toegestane.',
  rule_countries: 'de landen gaan verder dan de toegestane.',
  rule_office_hours: 'de kantooruren wijken af van de verplichte.',
  rule_server_encryption: 'het geheim moet in de browser worden versleuteld.',
  rule_unknown: 'regel ‘{rule}’.',

  noteNetwork: 'Deze link gaat alleen open vanaf bepaalde netwerken.',
  noteHours: 'Deze link gaat alleen open op bepaalde tijden.',
  noteCountry: 'Deze link gaat alleen open vanuit bepaalde landen.',
  verifyLegend: 'Bevestig je e-mailadres',
  verifyIntro:
    'De afzender wil dat de ontvanger wordt bevestigd. Kies je adres, dan krijg je per e-mail een code van 6 cijfers.',
  verifyPick: 'Je e-mailadres',
  sendCode: 'Code sturen',
  sendNewCode: 'Nieuwe code sturen',
  sendingCode: 'Bezig met sturen…',
  codeSent: 'Er is een code gestuurd naar {to}. Hij is geldig tot {time}.',
  codeLabel: 'Code van 6 cijfers',
  codeHint:
    'Uit de e-mail. Komt die niet binnen een paar minuten, kijk dan in je spammap of stuur een nieuwe code.',
  errPick: 'Kies eerst je e-mailadres.',
  errCodeFormat: 'Vul de code van 6 cijfers uit de e-mail in.',
  errSendFirst: 'Stuur eerst een code naar je e-mailadres en vul die hier in.',
  codeWrong_one: 'Die code klopt niet. Nog 1 poging met deze code.',
  codeWrong_other: 'Die code klopt niet. Nog {n} pogingen met deze code.',
  codeUsedUp:
    'Deze code werkt niet meer: hij is te vaak fout ingevuld, al gebruikt of verlopen. Stuur een nieuwe code.',
  codeLimit: 'Voor dit geheim kunnen geen codes meer worden gestuurd. Vraag de afzender om een nieuwe link.',
  mailUnavailable: 'De e-mail kon nu niet worden verstuurd. Probeer het over een paar minuten opnieuw.',
  verificationRequired:
    'Dit geheim gaat pas open als je je e-mailadres bevestigt: kies het, stuur een code en vul die in.',
  outsideHours:
    'Dit geheim gaat alleen open op de tijden die de afzender koos. Het gaat weer open op {when}.',
  outsideHoursLater: 'Dit geheim gaat alleen open op de tijden die de afzender koos, en het is nu gesloten.',
  networkRefused:
    'Dit geheim gaat alleen open vanaf de netwerken die de afzender koos, zoals een kantoornetwerk of een VPN, en je verbinding hoort daar niet bij.',
  countryRefused: 'Dit geheim kan niet worden geopend vanuit het land waar je verbinding vandaan komt.',
  nothingUsed: 'Er is niets verbruikt: de link werkt nog als je het opnieuw probeert.',
};

export default nl;
