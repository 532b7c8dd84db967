import type { RestrictionMessages } from './en.js';

export const fr: RestrictionMessages = {
  intro:
    'Le serveur vérifie ces conditions avant que le secret s’ouvre. Une tentative refusée ne consomme rien. Laissez un champ vide pour ne pas l’utiliser.',
  recipientsLabel: 'Adresses e-mail des destinataires',
  recipientsHint:
    'Le destinataire choisit son adresse sur la page du lien et saisit un code à 6 chiffres qui lui est envoyé par e-mail. Une adresse par ligne ou séparées par des virgules, {max} au plus. Le serveur ne garde les adresses que jusqu’à la disparition du secret.',
  recipientsRequired: 'Votre organisation l’exige : saisissez au moins une adresse.',
  recipientsDomains: 'Votre organisation autorise les adresses chez : {domains}.',
  verificationUnavailable:
    'Votre organisation exige la vérification du destinataire, mais ce serveur ne peut pas envoyer d’e-mails. Adressez-vous à l’exploitant.',
  networksLabel: 'Réseaux autorisés',
  networksHint:
    'Le secret ne s’ouvre que depuis ces adresses : des plages IPv4 ou IPv6 comme 203.0.113.0/24 ou 2001:db8::/32, une par ligne ou séparées par des virgules.',
  networksPolicy:
    'Votre organisation exige ces réseaux : {cidrs}. Vous pouvez les restreindre ; si le champ reste vide, ils s’appliquent tels quels.',
  hoursToggle: 'Uniquement pendant les heures de bureau',
  hoursDays: 'Jours',
  hoursStart: 'De',
  hoursEnd: 'À',
  hoursZone: 'Fuseau horaire',
  hoursHint:
    'Dans le fuseau horaire choisi ici, où que soit le destinataire. Une fin à 00:00 signifie minuit.',
  hoursFixed: 'Votre organisation exige des heures de bureau : {days}, {start}–{end} ({zone}).',
  countriesLabel: 'Pays autorisés',
  countriesHint:
    'Codes pays à deux lettres comme NL, SE ou DE, séparés par des virgules ou des espaces. Le serveur déduit le pays d’une connexion d’une base de localisation, qui peut se tromper, par exemple derrière un VPN.',
  countriesNamed: 'Autorisés : {names}.',
  countriesPolicy:
    'Votre organisation n’autorise que : {codes}. Vous pouvez restreindre la liste ; si le champ reste vide, elle s’applique.',
  policyDefault: 'Prérempli avec la valeur par défaut de votre organisation. Vous pouvez le modifier.',
  passphraseRequired: 'Votre organisation exige une phrase secrète.',
  passphraseMin: 'Votre organisation exige une phrase secrète d’au moins {n} caractères.',

  errEmail: '« {value} » n’est pas une adresse e-mail.',
  errTooMany: 'Trop d’entrées : {count} pour {max} au plus.',
  errDomain: '« {value} » n’est pas dans un domaine autorisé par votre organisation ({domains}).',
  errCidr:
    '« {value} » n’est pas un réseau. Écrivez une adresse et une longueur de préfixe, comme 192.168.1.0/24.',
  errCidrPolicy: '{value} est en dehors des réseaux autorisés par votre organisation.',
  errDays: 'Choisissez au moins un jour pour les heures de bureau.',
  errTime: 'Saisissez les heures de bureau en heures et minutes, comme 09:00.',
  errOrder: 'Les heures de bureau doivent finir après leur début (pas au-delà de minuit).',
  errZone: '« {value} » n’est pas un fuseau horaire. Utilisez un nom comme Europe/Paris.',
  errCountry: '« {value} » n’est pas un code pays à deux lettres.',
  errCountryPolicy: '{value} ne fait pas partie des pays autorisés par votre organisation.',

  failInvalid:
    'Le serveur n’a pas accepté les restrictions. Vérifiez les adresses, les réseaux, les heures de bureau et les pays.',
  failUnavailable:
    'Ce serveur ne peut pas appliquer l’une de ces restrictions : il n’a pas de serveur de messagerie (pour vérifier le destinataire) ou pas de base de localisation (pour les pays). Retirez-la et réessayez.',
  failPolicy: 'Les règles de votre organisation n’autorisent pas ce secret : {rule}',
  rule_members_only: 'seuls les membres actuels peuvent créer des secrets.',
  rule_max_ttl: 'la durée de vie dépasse celle autorisée.',
  rule_max_views: 'il permet plus de consultations qu’autorisé.',
  rule_passphrase_required: 'une phrase secrète est obligatoire.',
  rule_passphrase_min_length: 'la phrase secrète est trop courte.',
  rule_verification_required: 'la vérification du destinataire est obligatoire.',
  rule_recipient_domains: 'une adresse de destinataire est dans un domaine non autorisé.',
  rule_networks: 'les réseaux dépassent ceux autorisés.',
  rule_countries: 'les pays dépassent ceux autorisés.',
  rule_office_hours: 'les heures de bureau diffèrent de celles exigées.',
  rule_server_encryption: 'le secret doit être chiffré dans le navigateur.',
  rule_unknown: 'règle « {rule} ».',

  noteNetwork: 'Ce lien ne s’ouvre que depuis certains réseaux.',
  noteHours: 'Ce lien ne s’ouvre qu’à certaines heures.',
  noteCountry: 'Ce lien ne s’ouvre que depuis certains pays.',
  verifyLegend: 'Confirmez votre adresse e-mail',
  verifyIntro:
    'L’expéditeur demande que le destinataire soit vérifié. Choisissez votre adresse, et un code à 6 chiffres vous sera envoyé par e-mail.',
  verifyPick: 'Votre adresse e-mail',
  sendCode: 'Envoyer le code',
  sendNewCode: 'Envoyer un nouveau code',
  sendingCode: 'Envoi…',
  codeSent: 'Un code a été envoyé à {to}. Il est valable jusqu’à {time}.',
  codeLabel: 'Code à 6 chiffres',
  codeHint:
    'Celui de l’e-mail. S’il n’arrive pas d’ici quelques minutes, regardez dans les indésirables ou envoyez un nouveau code.',
  errPick: 'Choisissez d’abord votre adresse e-mail.',
  errCodeFormat: 'Saisissez le code à 6 chiffres reçu par e-mail.',
  errSendFirst: 'Envoyez d’abord un code à votre adresse e-mail, puis saisissez-le ici.',
  codeWrong_one: 'Ce code n’est pas le bon. Encore 1 essai avec ce code.',
  codeWrong_other: 'Ce code n’est pas le bon. Encore {n} essais avec ce code.',
  codeWrong_many: 'Ce code n’est pas le bon. Encore {n} d’essais avec ce code.',
  codeUsedUp:
    'Ce code ne fonctionne plus : il a été mal saisi trop souvent, déjà utilisé ou il a expiré. Envoyez un nouveau code.',
  codeLimit: 'Plus aucun code ne peut être envoyé pour ce secret. Demandez un nouveau lien à l’expéditeur.',
  mailUnavailable: 'L’e-mail n’a pas pu être envoyé pour l’instant. Réessayez dans quelques minutes.',
  verificationRequired:
    'Ce secret ne s’ouvre qu’après confirmation de votre adresse e-mail : choisissez-la, envoyez un code et saisissez-le.',
  outsideHours:
    'Ce secret ne s’ouvre qu’aux heures choisies par l’expéditeur. Il s’ouvrira de nouveau le {when}.',
  outsideHoursLater:
    'Ce secret ne s’ouvre qu’aux heures choisies par l’expéditeur, et il est fermé en ce moment.',
  networkRefused:
    'Ce secret ne s’ouvre que depuis les réseaux choisis par l’expéditeur, comme un réseau de bureau ou un VPN, et votre connexion n’en fait pas partie.',
  countryRefused: 'Ce secret ne peut pas être ouvert depuis le pays d’où vous vous connectez.',
  nothingUsed: 'Rien n’a été consommé : le lien fonctionne toujours quand vous réessayez.',
};

export default fr;
