import type { DomainMessages } from './en.js';

/** Français (vouvoiement, comme les autres pages). */
export const fr: DomainMessages = {
  domainsTitle: 'Domaines',
  domainsIntro:
    'Proposez ce service sur votre propre domaine, avec le nom, le logo et la couleur de votre organisation. Les liens créés par vos membres utilisent alors ce domaine.',
  domainsRoleNeeded:
    'Les domaines et l’identité visuelle sont gérés par les propriétaires et les administrateurs. Votre rôle : {role}.',
  domainsList: 'Vos domaines',
  domainsNone: 'Aucun domaine pour l’instant.',
  statePending: 'En attente',
  stateActive: 'Actif',
  stateSuspended: 'Suspendu',
  pendingText:
    'Pas encore en service : publiez l’enregistrement DNS ci-dessous, puis choisissez « Vérifier maintenant ».',
  activeText: 'En service avec votre identité visuelle depuis le {date}.',
  missingText:
    'L’enregistrement DNS est absent depuis le {date}. Publiez-le à nouveau, sinon le domaine sera suspendu.',
  suspendedText:
    'Suspendu depuis le {date} : l’enregistrement DNS a manqué trop longtemps. Publiez-le à nouveau et vérifiez.',
  lastCheck: 'Dernière vérification, {date} : {result}',
  neverChecked: 'Pas encore vérifié.',
  checkVerified: 'l’enregistrement a été trouvé ; le domaine est vérifié.',
  checkNoRecord: 'aucun enregistrement TXT n’a été trouvé à ce nom.',
  checkWrongRecord: 'un enregistrement TXT a été trouvé, mais avec une autre valeur.',
  checkDnsError: 'les serveurs DNS n’ont pas répondu, rien n’a donc changé. Réessayez plus tard.',
  checkTaken: 'une autre organisation a vérifié ce domaine en premier.',
  txtRecord: 'Enregistrement DNS à publier (type TXT)',
  txtName: 'Nom de l’enregistrement',
  txtValue: 'Valeur de l’enregistrement',
  copyTxtName: 'Copier le nom de l’enregistrement',
  copyTxtValue: 'Copier la valeur de l’enregistrement',
  verifyNow: 'Vérifier maintenant',
  verifying: 'Vérification…',
  remove: 'Retirer',
  removeConfirm: 'Retirer {name} ? Les pages et les liens sur ce domaine cesseront de fonctionner.',
  removeYes: 'Oui, retirer',
  removed: '{name} a été retiré.',
  addTitle: 'Ajouter un domaine',
  addName: 'Nom de domaine',
  addHint:
    'Un nom d’hôte comme secrets.example.com. Vous prouvez ensuite qu’il vous appartient avec un enregistrement DNS.',
  addButton: 'Ajouter le domaine',
  adding: 'Ajout…',
  added: '{name} a été ajouté. Publiez son enregistrement DNS, puis vérifiez-le.',
  addMissing: 'Saisissez d’abord un nom de domaine.',
  errInvalidDomain:
    'Ce serveur ne peut pas servir ce nom : utilisez un nom d’hôte comme secrets.example.com, ni une adresse IP ni l’adresse de ce serveur.',
  errDomainTaken: 'Ce domaine est déjà utilisé, par votre organisation ou par une autre.',
  errTooManyDomains: 'Votre organisation a déjà le nombre maximal de domaines (20). Retirez-en un d’abord.',
  errInvalidLogo:
    'Le serveur n’a pas accepté cette image. Utilisez un PNG d’au plus 1024 × 1024 pixels ou un SVG simple, d’au plus 64 Ko.',
  errBrandingUnavailable: 'L’identité visuelle n’est pas disponible sur ce serveur (code : {code}).',
  brandingTitle: 'Identité visuelle',
  brandingIntro:
    'L’apparence des pages sur vos domaines. L’adresse principale de ce serveur garde son propre aspect.',
  brandingNotSet:
    'Pas encore d’identité visuelle : les pages sur vos domaines ont l’aspect de ce serveur tant que vous ne l’avez pas enregistrée.',
  brandingName: 'Nom',
  brandingNameHint: 'Affiché dans l’en-tête des pages sur vos domaines.',
  brandingAccent: 'Couleur d’accent',
  brandingAccentHint:
    'Sous la forme # suivi de six chiffres hexadécimaux, par exemple #0a7d38. Laissez vide pour la couleur habituelle.',
  brandingAccentPick: 'Choisir la couleur d’accent',
  brandingSupport: 'Contact d’assistance (facultatif)',
  brandingSupportHint:
    'Une adresse e-mail ou une adresse commençant par https://, affichée dans le pied de page.',
  brandingLanguage: 'Langue par défaut',
  brandingLanguageNone: 'La langue du navigateur du visiteur',
  brandingLanguageHint: 'Utilisée quand un visiteur n’a pas choisi de langue.',
  brandingSave: 'Enregistrer l’identité visuelle',
  brandingSaving: 'Enregistrement…',
  brandingSaved: 'Identité visuelle enregistrée.',
  errName: 'Saisissez un nom d’au plus 80 caractères.',
  errAccent:
    'Saisissez la couleur sous la forme # suivi de six chiffres hexadécimaux, par exemple #0a7d38, ou laissez le champ vide.',
  errSupport:
    'Saisissez une adresse e-mail ou une adresse commençant par https://, ou laissez le champ vide.',
  logoTitle: 'Logo',
  logoFile: 'Fichier du logo (SVG ou PNG, 64 Ko au plus)',
  logoCurrentSvg: 'Logo actuel : une image SVG.',
  logoCurrentPng: 'Logo actuel : une image PNG.',
  logoNone: 'Pas encore de logo : les pages n’affichent que le nom.',
  logoUpload: 'Envoyer le logo',
  logoUploading: 'Envoi…',
  logoUploaded: 'Logo envoyé.',
  logoRemove: 'Retirer le logo',
  logoRemoveConfirm: 'Retirer le logo ? Les pages sur vos domaines n’afficheront plus que le nom.',
  logoRemoveYes: 'Oui, retirer le logo',
  logoRemoved: 'Logo retiré.',
  logoChoose: 'Choisissez d’abord un fichier.',
  logoErrType: 'Choisissez un fichier SVG ou PNG.',
  logoErrSize: 'Ce fichier dépasse 64 Ko.',
  logoErrRead: 'Ce fichier n’a pas pu être lu.',
  previewTitle: 'Aperçu',
};

export default fr;
