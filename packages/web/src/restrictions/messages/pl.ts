import type { RestrictionMessages } from './en.js';

/** Polski. */
export const pl: RestrictionMessages = {
  intro:
    'Serwer sprawdza te warunki, zanim sekret się otworzy. Odrzucona próba niczego nie zużywa. Zostaw pole puste, aby z niego nie korzystać.',
  recipientsLabel: 'Adresy e-mail odbiorców',
  recipientsHint:
    'Odbiorca wybiera swój adres na stronie linku i wpisuje 6-cyfrowy kod, który dostaje e-mailem. Jeden adres w wierszu lub oddzielone przecinkami, najwyżej {max}. Serwer przechowuje adresy tylko do czasu, aż sekret zniknie.',
  recipientsRequired: 'Twoja organizacja tego wymaga: wpisz co najmniej jeden adres.',
  recipientsDomains: 'Twoja organizacja dopuszcza adresy w domenach: {domains}.',
  verificationUnavailable:
    'Twoja organizacja wymaga weryfikacji odbiorcy, ale ten serwer nie może wysyłać e-maili. Zapytaj administratora.',
  networksLabel: 'Dozwolone sieci',
  networksHint:
    'Sekret otworzy się tylko z tych adresów: zakresy IPv4 lub IPv6, np. 203.0.113.0/24 lub 2001:db8::/32, jeden w wierszu lub oddzielone przecinkami.',
  networksPolicy:
    'Twoja organizacja wymaga tych sieci: {cidrs}. Możesz je zawęzić; jeśli zostawisz pole puste, obowiązują w całości.',
  hoursToggle: 'Tylko w godzinach pracy',
  hoursDays: 'Dni',
  hoursStart: 'Od',
  hoursEnd: 'Do',
  hoursZone: 'Strefa czasowa',
  hoursHint: 'W wybranej tu strefie czasowej, niezależnie od strefy odbiorcy. Koniec o 00:00 oznacza północ.',
  hoursFixed: 'Twoja organizacja wymaga godzin pracy: {days}, {start}–{end} ({zone}).',
  countriesLabel: 'Dozwolone kraje',
  countriesHint:
    'Dwuliterowe kody krajów, np. PL, DE lub SE, oddzielone przecinkami lub spacjami. Serwer ustala kraj połączenia na podstawie bazy geolokalizacyjnej, która może się mylić, np. przy połączeniu przez VPN.',
  countriesNamed: 'Dozwolone: {names}.',
  countriesPolicy:
    'Twoja organizacja dopuszcza tylko: {codes}. Możesz zawęzić listę; jeśli zostawisz pole puste, obowiązuje w całości.',
  policyDefault: 'Wstępnie wypełnione ustawieniem domyślnym Twojej organizacji. Możesz je zmienić.',
  passphraseRequired: 'Twoja organizacja wymaga frazy dostępowej.',
  passphraseMin: 'Twoja organizacja wymaga frazy dostępowej o długości co najmniej {n} znaków.',

  errEmail: '„{value}” nie jest adresem e-mail.',
  errTooMany: 'Za dużo wpisów: {count} przy limicie {max}.',
  errDomain: '„{value}” nie należy do domeny dopuszczonej przez Twoją organizację ({domains}).',
  errCidr: '„{value}” nie jest siecią. Wpisz adres i długość prefiksu, np. 192.168.1.0/24.',
  errCidrPolicy: '{value} wykracza poza sieci dopuszczone przez Twoją organizację.',
  errDays: 'Wybierz co najmniej jeden dzień dla godzin pracy.',
  errTime: 'Wpisz godziny pracy jako godziny i minuty, np. 09:00.',
  errOrder: 'Godziny pracy muszą się kończyć po ich rozpoczęciu (nie mogą przechodzić przez północ).',
  errZone: '„{value}” nie jest strefą czasową. Użyj nazwy takiej jak Europe/Warsaw.',
  errCountry: '„{value}” nie jest dwuliterowym kodem kraju.',
  errCountryPolicy: '{value} nie należy do krajów dopuszczonych przez Twoją organizację.',

  failInvalid: 'Serwer nie przyjął ograniczeń. Sprawdź adresy, sieci, godziny pracy i kraje.',
  failUnavailable:
    'Ten serwer nie może egzekwować jednego z tych ograniczeń: nie ma serwera poczty (do weryfikacji odbiorcy) ani bazy geolokalizacyjnej (do krajów). Usuń je i spróbuj ponownie.',
  failPolicy: 'Zasady Twojej organizacji nie pozwalają na ten sekret: {rule}',
  rule_members_only: 'sekrety mogą tworzyć tylko obecni członkowie.',
  rule_max_ttl: 'czas ważności jest dłuższy niż dozwolony.',
  rule_max_views: 'pozwala na więcej wyświetleń, niż dozwolono.',
  rule_passphrase_required: 'wymagana jest fraza dostępowa.',
  rule_passphrase_min_length: 'fraza dostępowa jest za krótka.',
  rule_verification_required: 'wymagana jest weryfikacja odbiorcy.',
  rule_recipient_domains: 'adres odbiorcy należy do niedozwolonej domeny.',
  rule_networks: 'sieci wykraczają poza dozwolone.',
  rule_countries: 'kraje wykraczają poza dozwolone.',
  rule_office_hours: 'godziny pracy różnią się od wymaganych.',
  rule_server_encryption: 'sekret musi być zaszyfrowany w przeglądarce.',
  rule_unknown: 'zasada „{rule}”.',

  noteNetwork: 'Ten link otwiera się tylko z określonych sieci.',
  noteHours: 'Ten link otwiera się tylko w określonych godzinach.',
  noteCountry: 'Ten link otwiera się tylko z określonych krajów.',
  verifyLegend: 'Potwierdź swój adres e-mail',
  verifyIntro:
    'Nadawca poprosił o potwierdzenie odbiorcy. Wybierz swój adres, a dostaniesz e-mailem 6-cyfrowy kod.',
  verifyPick: 'Twój adres e-mail',
  sendCode: 'Wyślij kod',
  sendNewCode: 'Wyślij nowy kod',
  sendingCode: 'Wysyłanie…',
  codeSent: 'Kod został wysłany na adres {to}. Jest ważny do {time}.',
  codeLabel: 'Kod 6-cyfrowy',
  codeHint:
    'Znajdziesz go w e-mailu. Jeśli nie dotrze w ciągu kilku minut, sprawdź folder spamu lub wyślij nowy kod.',
  errPick: 'Najpierw wybierz swój adres e-mail.',
  errCodeFormat: 'Wpisz 6-cyfrowy kod z e-maila.',
  errSendFirst: 'Najpierw wyślij kod na swój adres e-mail, a potem wpisz go tutaj.',
  codeWrong_one: 'Ten kod jest nieprawidłowy. Z tym kodem zostaje jeszcze 1 próba.',
  codeWrong_few: 'Ten kod jest nieprawidłowy. Z tym kodem zostają jeszcze {n} próby.',
  codeWrong_many: 'Ten kod jest nieprawidłowy. Z tym kodem zostaje jeszcze {n} prób.',
  codeWrong_other: 'Ten kod jest nieprawidłowy. Z tym kodem zostaje jeszcze {n} próby.',
  codeUsedUp:
    'Ten kod już nie działa: za często wpisano go błędnie, został już użyty albo wygasł. Wyślij nowy kod.',
  codeLimit: 'Dla tego sekretu nie można wysłać więcej kodów. Poproś nadawcę o nowy link.',
  mailUnavailable: 'Nie udało się teraz wysłać e-maila. Spróbuj ponownie za kilka minut.',
  verificationRequired:
    'Ten sekret otworzy się dopiero po potwierdzeniu Twojego adresu e-mail: wybierz go, wyślij kod i wpisz ten kod.',
  outsideHours:
    'Ten sekret otwiera się tylko w godzinach wybranych przez nadawcę. Najbliższe otwarcie: {when}.',
  outsideHoursLater:
    'Ten sekret otwiera się tylko w godzinach wybranych przez nadawcę i teraz jest zamknięty.',
  networkRefused:
    'Ten sekret otwiera się tylko z sieci wybranych przez nadawcę, np. sieci biurowej lub VPN, a Twoje połączenie do nich nie należy.',
  countryRefused: 'Tego sekretu nie można otworzyć z kraju, z którego się łączysz.',
  nothingUsed: 'Nic nie zostało zużyte: link nadal zadziała, gdy spróbujesz ponownie.',
};

export default pl;
