import type { RequestMessages } from './en.js';

export const fr: RequestMessages = {
  requestTitle: 'Demander un secret',
  requestIntro:
    'Demandez à quelqu’un un mot de passe, une clé ou un fichier. La personne remplit votre lien de demande ; ce qu’elle envoie est chiffré dans son navigateur, et seul votre lien de boîte de réception peut le lire, une fois.',
  descriptionLabel: 'De quoi avez-vous besoin ?',
  descriptionHint:
    'La personne sollicitée le voit ; le serveur, non (c’est chiffré dans ce navigateur). N’écrivez pas le secret lui-même ici.',
  waitLabel: 'Durée d’attente d’une réponse',
  answerWaitLabel: 'Combien de temps la réponse peut attendre d’être lue',
  createButton: 'Créer la demande',
  creating: 'Création…',
  errEmpty: 'Dites d’abord ce dont vous avez besoin.',
  errTooLong: 'La description est trop longue : {size} sur {max} au plus.',
  errNotAllowed: 'Votre organisation ne vous permet pas de demander des secrets.',

  readyTitle: 'Votre demande est prête',
  requestLinkLabel: 'Lien de demande : envoyez-le à la personne qui détient le secret',
  copyRequestLink: 'Copier le lien de demande',
  requestQr: 'Code QR du lien de demande',
  inboxLinkLabel: 'Lien de boîte de réception : gardez-le pour vous',
  copyInboxLink: 'Copier le lien de boîte de réception',
  inboxWarning:
    'Conservez le lien de boîte de réception en lieu sûr. C’est le seul moyen de lire la réponse : personne ne peut le retrouver pour vous, pas même le serveur. Ne l’envoyez à personne.',
  openInbox: 'Ouvrir la boîte de réception',
  receiptLinkLabel:
    'Lien de reçu : indique si la demande a reçu une réponse et si elle a été lue (jamais la réponse)',
  copyReceiptLink: 'Copier le lien de reçu',
  waitsUntil: 'Le lien de demande fonctionne jusqu’au {date}, pour une seule réponse.',
  requestAnother: 'Demander un autre secret',

  respondTitle: 'Quelqu’un vous demande un secret',
  askedFor: 'Ce qui est demandé',
  respondIntro:
    'Ce que vous envoyez est chiffré dans ce navigateur. Seule la personne qui l’a demandé peut le lire, une fois ; ensuite, il disparaît du serveur.',
  answerLabel: 'Votre secret',
  answerKept: 'Si votre réponse n’est pas lue, elle est supprimée {time} après son envoi.',
  sendButton: 'Envoyer le secret',
  sending: 'Envoi…',
  errAnswerEmpty: 'Saisissez d’abord un secret ou joignez un fichier.',
  sentTitle: 'Envoyé',
  sentBody: 'Envoyé. La personne qui l’a demandé peut le lire une fois ; ensuite, il disparaît du serveur.',
  sentExpires: 'S’il n’est pas lu d’ici le {date}, il est supprimé sans avoir été lu.',
  requestGoneTitle: 'Cette demande est close',
  requestGone:
    'Cette demande a déjà reçu une réponse, a été détruite ou a expiré, ou n’a jamais existé. Demandez-en une nouvelle à la personne qui l’a envoyée.',
  alreadyAnswered: 'Quelqu’un a déjà répondu à cette demande, qui n’accepte qu’une seule réponse.',
  notSent: 'Rien de votre part n’a été envoyé.',
  missingKey: 'Ce lien est incomplet : la partie après le # manque. Utilisez le lien entier.',
  badLink: 'Ce lien est endommagé et ne peut pas être utilisé. Utilisez le lien entier.',
  descriptionUnreadable: 'La description ne peut pas être déchiffrée avec ce lien. Demandez le lien entier.',

  inboxTitle: 'La boîte de réception de votre demande',
  inboxUnknown:
    'Cette boîte de réception est inconnue : le lien est erroné, ou la demande a disparu depuis si longtemps qu’il n’en reste rien.',
  waitingBody: 'Personne n’a encore répondu. Cette page vérifie de nouveau toutes les quelques secondes.',
  answeredBody: 'Une réponse est arrivée. Vous pouvez la lire une fois : l’afficher la retire du serveur.',
  answerFiles_one: 'Elle contient un fichier.',
  answerFiles_many: 'Elle contient {n} de fichiers.',
  answerFiles_other: 'Elle contient {n} fichiers.',
  answerPassphrase: 'Elle est protégée par une phrase secrète. Demandez-la à la personne qui a répondu.',
  revealButton: 'Afficher la réponse',
  readBody: 'La réponse a été lue. Elle a disparu du serveur.',
  expiredBody: 'Cette demande a pris fin sans qu’aucune réponse soit lue.',
  burnedBody: 'Cette demande a été détruite.',
  burnRequest: 'Détruire cette demande',
  burnConfirm:
    'Détruire cette demande maintenant ? Plus personne ne pourra y répondre, et une réponse pas encore lue sera détruite.',
  burnedNow: 'La demande est détruite.',

  receiptTitle: 'Reçu de la demande',
  receiptIntro: 'Où en est votre demande. Le reçu ne montre jamais la réponse.',
  receiptUnknown: 'Ce reçu est inconnu, ou la demande à laquelle il appartenait a disparu depuis longtemps.',
  stateLabel: 'État',
  state_waiting: 'En attente d’une réponse',
  state_answered: 'Répondue, pas encore lue',
  state_read: 'Lue',
  state_expired: 'Expirée',
  state_burned: 'Détruite',
  createdAt: 'Demandée le',
  expiresAt: 'Attend une réponse jusqu’au',
  answeredAt: 'Répondue le',
  readAt: 'Lue le',
  endedAt: 'Terminée le',
  refreshing: 'Tant que la demande est ouverte, cette page vérifie de nouveau toutes les quelques secondes.',
};

export default fr;
