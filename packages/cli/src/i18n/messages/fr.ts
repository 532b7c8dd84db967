import type { CliMessages } from './en.js';

/** Français. */
export const fr: CliMessages = {
  help: `Usage : burnlink COMMANDE [options]

Liens secrets à usage unique, chiffrés de bout en bout. Les secrets sont chiffrés sur cette machine ; le
serveur ne voit jamais la clé (elle est dans le #fragment du lien, qui n’est jamais envoyé).

Commandes :
  send [TEXTE]           chiffrer et envoyer un secret (TEXTE, stdin ou une saisie ; --file CHEMIN joint des
                         fichiers) ; affiche son lien
  get LIEN               ouvrir un lien une fois ; affiche le secret (--output DOSSIER enregistre ses
                         fichiers)
  request [DESCRIPTION]  demander un secret à quelqu'un : affiche le lien de demande à lui envoyer (le lien
                         de boîte, pour lire la réponse avec get, va sur stderr)
  respond LIEN_DEMANDE   répondre à une demande avec un secret lu sur stdin (--file CHEMIN joint des fichiers)
  status LIEN_REÇU       ce qu’est devenu un secret que vous avez envoyé
  burn LIEN_REÇU|ID      détruire tout de suite un secret que vous avez envoyé (par ID ou lien secret,
                         avec une clé d’API)
  list                   les secrets de votre organisation (--scope own|team|org) ; demande une clé d’API
  login                  enregistrer une clé d’API pour un serveur (saisie masquée, ou stdin) ; logout la
                         supprime
  generate               afficher un mot de passe aléatoire
  serve                  lancer le serveur burnlink
  admin COMMANDE         administrer les comptes dans le stockage du serveur : create-org, invite, create-key,
                         list-keys, revoke-key, audit (voir : burnlink admin --help)

\`burnlink COMMANDE --help\` affiche les options d’une commande.

Environnement :
  BURNLINK_URL           serveur pour send, status, burn et list (par défaut : celui de burnlink login, sinon
                         http://127.0.0.1:8080)
  BURNLINK_API_KEY       clé d’API (bl_…) envoyée à ce serveur : vos secrets appartiennent à son
                         organisation ; list et burn par ID en ont besoin (burnlink login en enregistre une
                         à la place)
  BURNLINK_PASSPHRASE    phrase secrète quand aucun terminal ne permet de la demander (send --passphrase, get)

Codes de sortie :
  0 ok · 1 erreur inattendue · 2 mauvais usage ou saisie · 3 secret inconnu, expiré ou déjà utilisé
  4 phrase secrète incorrecte · 5 verrouillé (détruit après trop d’erreurs) · 6 serveur injoignable
  7 erreur du serveur · 8 trop de requêtes · 9 phrase secrète requise mais indisponible
  10 un fichier n’a pas pu être écrit dans --output · 11 pas de clé d’API, ou le serveur l’a refusée (401)
  12 la clé d’API n’a pas la permission ou la portée (403) · 13 refusé par les restrictions du secret
  (heures de bureau, réseau, pays) · 14 vérification du destinataire requise ou code incorrect
  15 la demande n'a pas encore de réponse (get LIEN_BOÎTE) · 130 annulé (Ctrl-C)

Options :
  -h, --help             afficher cette aide
  -v, --version          afficher la version
`,

  unknownCommand: 'commande inconnue{name}',
  unknownCommandLinkHint: ' ; pour ouvrir un lien : burnlink get LIEN',
  unknownCommandHelpHint: ' (voir : burnlink --help)',
  cancelled: 'annulé',
  unexpected: 'erreur inattendue ({kind}) ; merci de la signaler',

  promptSecret: 'Secret (masqué) : ',
  promptPassphrase: 'Phrase secrète : ',
  promptPassphraseAgain: 'Phrase secrète (encore) : ',
  promptApiKey: 'Clé d’API (masquée) : ',
  promptSendCode: 'Envoyer le code ? [1] : ',
  promptAddress: 'Votre adresse [1-{count}] : ',
  promptCode: 'Code de vérification : ',
  emptySecret: 'le secret est vide',
  emptyPassphrase: 'la phrase secrète est vide',
  passphrasesDiffer: 'les deux phrases secrètes diffèrent',

  sentPassword: 'Mot de passe (affiché une seule fois) : {password}',
  sentReceipt: 'Reçu : {link}',
  sentExpires: 'Expire : {at} ({relative})',
  burned: 'Détruit : le lien ne fonctionne plus.',
  noSecrets: 'Aucun secret.',
  notLoggedIn: 'Pas connecté : aucune clé enregistrée.',

  hintNotAuthenticated: ' (donnez à BURNLINK_API_KEY une clé valide, ou lancez : burnlink login)',
  hintForbidden: ' (demandez à un administrateur une clé avec cette permission)',
  fail_not_found: 'secret inconnu : il n’a jamais existé, il a expiré, ou il a déjà été consulté ou détruit',
  fail_wrong_passphrase: 'phrase secrète incorrecte ; essais restants avant la destruction du secret : {n}',
  fail_locked: 'phrase secrète incorrecte, et c’était le dernier essai : le secret a été détruit',
  fail_passphrase_required:
    'ce secret est protégé par une phrase secrète, et aucune n’a été donnée (rien n’a été consommé)',
  fail_rate_limited: 'trop de requêtes : réessayez plus tard',
  fail_invalid_request: 'le serveur a refusé la requête ({code})',
  fail_bad_link: 'ce n’est pas un lien burnlink valide',
  fail_decrypt_failed: 'impossible de déchiffrer le secret avec ce lien : il est abîmé ou incomplet',
  fail_network: 'le serveur est injoignable',
  fail_server: 'le serveur a échoué ou a répondu de façon inattendue',
  fail_cancelled: 'annulé',
  fail_restricted: 'les restrictions du secret ont refusé cette tentative ({code}) ; rien n’a été consommé',
  fail_verification_required: 'ce secret ne s’ouvre que pour un destinataire vérifié (rien n’a été consommé)',
  fail_verification_code_invalid:
    'le code de vérification est incorrect, déjà utilisé ou expiré (rien n’a été consommé)',
  fail_request_not_found:
    'demande inconnue : elle a reçu sa réponse, a été détruite ou a expiré, ou n’a jamais existé',
  fail_request_answered: 'cette demande a déjà reçu une réponse : elle n’en accepte qu’une',
};

export default fr;
