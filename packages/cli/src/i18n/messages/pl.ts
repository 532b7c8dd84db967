import type { CliMessages } from './en.js';

/** Polski. */
export const pl: CliMessages = {
  help: `Użycie: burnlink POLECENIE [opcje]

Jednorazowe linki do sekretów, szyfrowane end-to-end. Sekrety są szyfrowane na tym komputerze; serwer nigdy
nie widzi klucza (jest w #fragmencie linku, który nigdy nie jest wysyłany).

Polecenia:
  send [TEKST]           szyfruje i wysyła sekret (TEKST, stdin lub pytanie; --file ŚCIEŻKA dołącza pliki);
                         wypisuje jego link
  get LINK               otwiera link jeden raz; wypisuje sekret (--output KATALOG zapisuje jego pliki)
  request [OPIS]         prosi kogoś o sekret: wypisuje link do prośby, który mu wysyłasz (link do skrzynki,
                         do odczytania odpowiedzi przez get, trafia na stderr)
  respond LINK_PROŚBY    odpowiada na prośbę sekretem ze stdin (--file ŚCIEŻKA dołącza pliki)
  status LINK_POTW       co się stało z wysłanym przez Ciebie sekretem
  burn LINK_POTW|ID      od razu niszczy wysłany przez Ciebie sekret (po ID lub linku do sekretu, z kluczem
                         API)
  list                   sekrety Twojej organizacji (--scope own|team|org); wymaga klucza API
  login                  zapisuje klucz API dla serwera (wpisywany ukryty lub ze stdin); logout go usuwa
  generate               wypisuje losowe hasło
  serve                  uruchamia serwer burnlink
  admin POLECENIE        administruje kontami w magazynach serwera: create-org, invite, create-key,
                         list-keys, revoke-key, audit (zobacz: burnlink admin --help)

\`burnlink POLECENIE --help\` pokazuje opcje polecenia.

Zmienne środowiskowe:
  BURNLINK_URL           serwer dla send, status, burn i list (domyślnie: serwer z burnlink login, a w
                         przeciwnym razie http://127.0.0.1:8080)
  BURNLINK_API_KEY       klucz API (bl_…) wysyłany do tego serwera: wysyłane sekrety należą do jego
                         organizacji; list i burn po ID go wymagają (zamiast tego burnlink login zapisuje
                         klucz)
  BURNLINK_PASSPHRASE    fraza dostępowa, gdy nie ma terminala, w którym można o nią zapytać (send
                         --passphrase, get)

Kody wyjścia:
  0 ok · 1 nieoczekiwany błąd · 2 błędne użycie lub dane · 3 nieznany, wygasły lub już użyty sekret
  4 błędna fraza dostępowa · 5 zablokowany (zniszczony po zbyt wielu błędnych frazach dostępowych)
  6 serwer nieosiągalny · 7 błąd serwera · 8 zbyt wiele żądań
  9 wymagana fraza dostępowa, ale niedostępna · 10 nie udało się zapisać pliku w --output
  11 brak klucza API albo serwer go odrzucił (401) · 12 klucz API nie ma uprawnienia lub zasięgu (403)
  13 odrzucone przez ograniczenia sekretu (godziny pracy, sieć, kraj)
  14 wymagana weryfikacja odbiorcy lub błędny kod
  15 prośba nie ma jeszcze odpowiedzi (get LINK_SKRZYNKI) · 130 anulowano (Ctrl-C)

Opcje:
  -h, --help             pokazuje tę pomoc
  -v, --version          wypisuje wersję
`,

  unknownCommand: 'nieznane polecenie{name}',
  unknownCommandLinkHint: '; aby otworzyć link: burnlink get LINK',
  unknownCommandHelpHint: ' (zobacz: burnlink --help)',
  cancelled: 'anulowano',
  unexpected: 'nieoczekiwany błąd ({kind}); zgłoś go, proszę',

  promptSecret: 'Sekret (ukryty): ',
  promptPassphrase: 'Fraza dostępowa: ',
  promptPassphraseAgain: 'Fraza dostępowa (ponownie): ',
  promptApiKey: 'Klucz API (ukryty): ',
  promptSendCode: 'Wysłać kod? [1]: ',
  promptAddress: 'Twój adres [1-{count}]: ',
  promptCode: 'Kod weryfikacyjny: ',
  emptySecret: 'sekret jest pusty',
  emptyPassphrase: 'fraza dostępowa jest pusta',
  passphrasesDiffer: 'obie frazy dostępowe się różnią',

  sentPassword: 'Hasło (pokazywane raz): {password}',
  sentReceipt: 'Potwierdzenie: {link}',
  sentExpires: 'Wygasa: {at} ({relative})',
  burned: 'Zniszczono: link już nie działa.',
  noSecrets: 'Brak sekretów.',
  notLoggedIn: 'Nie zalogowano: brak zapisanego klucza.',

  hintNotAuthenticated: ' (ustaw BURNLINK_API_KEY na prawidłowy klucz albo uruchom: burnlink login)',
  hintForbidden: ' (poproś administratora o klucz z tym uprawnieniem)',
  fail_not_found: 'nieznany sekret: nigdy nie istniał, wygasł albo został już wyświetlony lub zniszczony',
  fail_wrong_passphrase: 'błędna fraza dostępowa; pozostałe próby, zanim sekret zostanie zniszczony: {n}',
  fail_locked: 'błędna fraza dostępowa i była to ostatnia próba: sekret został zniszczony',
  fail_passphrase_required:
    'ten sekret jest chroniony frazą dostępową; nie podano żadnej (nic nie zostało zużyte)',
  fail_rate_limited: 'zbyt wiele żądań: spróbuj ponownie później',
  fail_invalid_request: 'serwer odrzucił żądanie ({code})',
  fail_bad_link: 'to nie jest prawidłowy link burnlink',
  fail_decrypt_failed: 'nie udało się odszyfrować sekretu tym linkiem: jest uszkodzony lub niekompletny',
  fail_network: 'nie można połączyć się z serwerem',
  fail_server: 'serwer zawiódł albo odpowiedział czymś nieoczekiwanym',
  fail_cancelled: 'anulowano',
  fail_restricted: 'ograniczenia sekretu odrzuciły tę próbę ({code}); nic nie zostało zużyte',
  fail_verification_required:
    'ten sekret otwiera się tylko dla zweryfikowanego odbiorcy (nic nie zostało zużyte)',
  fail_verification_code_invalid: 'kod weryfikacyjny jest błędny, użyty lub wygasł (nic nie zostało zużyte)',
  fail_request_not_found:
    'nieznana prośba: otrzymała już odpowiedź, została zniszczona lub wygasła albo nigdy nie istniała',
  fail_request_answered: 'na tę prośbę już odpowiedziano: przyjmuje tylko jedną odpowiedź',
};

export default pl;
