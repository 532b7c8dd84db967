import type { CliMessages } from './en.js';

/** Italiano. */
export const it: CliMessages = {
  help: `Uso: burnlink COMANDO [opzioni]

Link segreti monouso, cifrati da un capo all’altro. I segreti vengono cifrati su questa macchina; il server
non vede mai la chiave (sta nel #frammento del link, che non viene mai inviato).

Comandi:
  send [TESTO]           cifra e carica un segreto (TESTO, stdin o una richiesta; --file PERCORSO allega
                         file); stampa il suo link
  get LINK               apre un link una volta; stampa il segreto (--output DIR salva i suoi file)
  request [DESCRIZIONE]  chiede un segreto a qualcuno: stampa il link di richiesta da inviargli (il link
                         della casella, per leggere la risposta con get, va su stderr)
  respond LINK_RICHIESTA risponde a una richiesta con un segreto da stdin (--file PERCORSO allega file)
  status LINK_RICEVUTA   che cosa è successo a un segreto che hai inviato
  burn LINK_RICEVUTA|ID  distrugge subito un segreto che hai inviato (per ID o link segreto, con una
                         chiave API)
  list                   i segreti della tua organizzazione (--scope own|team|org); richiede una chiave API
  login                  salva una chiave API per un server (inserita nascosta, o da stdin); logout la
                         elimina
  generate               stampa una password casuale
  serve                  avvia il server burnlink
  admin COMANDO          amministra gli account negli archivi del server: create-org, invite, create-key,
                         list-keys, revoke-key, audit (vedi: burnlink admin --help)

\`burnlink COMANDO --help\` mostra le opzioni di un comando.

Ambiente:
  BURNLINK_URL           server per send, status, burn e list (predefinito: il server di burnlink login,
                         altrimenti http://127.0.0.1:8080)
  BURNLINK_API_KEY       chiave API (bl_…) inviata a quel server: i segreti che invii appartengono alla sua
                         organizzazione; list e burn per ID ne hanno bisogno (in alternativa burnlink login
                         ne salva una)
  BURNLINK_PASSPHRASE    frase d’accesso quando non c’è un terminale in cui chiederla (send --passphrase, get)

Codici di uscita:
  0 ok · 1 errore imprevisto · 2 uso o input errato · 3 segreto sconosciuto, scaduto o già usato
  4 frase d’accesso errata · 5 bloccato (distrutto dopo troppe frasi d’accesso errate)
  6 server irraggiungibile · 7 errore del server · 8 troppe richieste
  9 frase d’accesso richiesta ma non disponibile · 10 impossibile scrivere un file in --output
  11 nessuna chiave API, o il server l’ha rifiutata (401) · 12 la chiave API non ha il permesso o la
  portata (403) · 13 rifiutato dalle restrizioni del segreto (orario d’ufficio, rete, paese)
  14 serve la verifica del destinatario o il codice era errato
  15 la richiesta non ha ancora una risposta (get LINK_CASELLA) · 130 annullato (Ctrl-C)

Opzioni:
  -h, --help             mostra questo aiuto
  -v, --version          stampa la versione
`,

  unknownCommand: 'comando sconosciuto{name}',
  unknownCommandLinkHint: '; per aprire un link: burnlink get LINK',
  unknownCommandHelpHint: ' (vedi: burnlink --help)',
  cancelled: 'annullato',
  unexpected: 'errore imprevisto ({kind}); per favore segnalalo',

  promptSecret: 'Segreto (nascosto): ',
  promptPassphrase: 'Frase d’accesso: ',
  promptPassphraseAgain: 'Frase d’accesso (di nuovo): ',
  promptApiKey: 'Chiave API (nascosta): ',
  promptSendCode: 'Inviare il codice? [1]: ',
  promptAddress: 'Il tuo indirizzo [1-{count}]: ',
  promptCode: 'Codice di verifica: ',
  emptySecret: 'il segreto è vuoto',
  emptyPassphrase: 'la frase d’accesso è vuota',
  passphrasesDiffer: 'le due frasi d’accesso sono diverse',

  sentPassword: 'Password (mostrata una volta): {password}',
  sentReceipt: 'Ricevuta: {link}',
  sentExpires: 'Scade: {at} ({relative})',
  burned: 'Distrutto: il link non funziona più.',
  noSecrets: 'Nessun segreto.',
  notLoggedIn: 'Accesso non effettuato: nessuna chiave salvata.',

  hintNotAuthenticated: ' (imposta BURNLINK_API_KEY su una chiave valida, oppure esegui: burnlink login)',
  hintForbidden: ' (chiedi a un amministratore una chiave con quel permesso)',
  fail_not_found:
    'segreto sconosciuto: non è mai esistito, è scaduto oppure è già stato visualizzato o distrutto',
  fail_wrong_passphrase:
    'frase d’accesso errata; tentativi rimasti prima che il segreto venga distrutto: {n}',
  fail_locked: 'frase d’accesso errata, ed era l’ultimo tentativo: il segreto è stato distrutto',
  fail_passphrase_required:
    'questo segreto è protetto da una frase d’accesso; non ne è stata data nessuna (nulla è stato consumato)',
  fail_rate_limited: 'troppe richieste: riprova più tardi',
  fail_invalid_request: 'il server ha rifiutato la richiesta ({code})',
  fail_bad_link: 'non è un link burnlink valido',
  fail_decrypt_failed: 'impossibile decifrare il segreto con questo link: è danneggiato o incompleto',
  fail_network: 'impossibile raggiungere il server',
  fail_server: 'il server ha avuto un errore o ha risposto in modo imprevisto',
  fail_cancelled: 'annullato',
  fail_restricted:
    'le restrizioni del segreto hanno respinto questo tentativo ({code}); nulla è stato consumato',
  fail_verification_required:
    'questo segreto si apre solo per un destinatario verificato (nulla è stato consumato)',
  fail_verification_code_invalid:
    'il codice di verifica è errato, già usato o scaduto (nulla è stato consumato)',
  fail_request_not_found:
    'richiesta sconosciuta: ha già ricevuto risposta, è stata distrutta o è scaduta, oppure non è mai esistita',
  fail_request_answered: 'questa richiesta ha già ricevuto una risposta: ne accetta una sola',
};

export default it;
