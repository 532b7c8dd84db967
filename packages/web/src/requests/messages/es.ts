import type { RequestMessages } from './en.js';

export const es: RequestMessages = {
  requestTitle: 'Pedir un secreto',
  requestIntro:
    'Pide a alguien una contraseña, una clave o un archivo. Esa persona rellena tu enlace de solicitud; lo que envía se cifra en su navegador, y solo tu enlace de bandeja de entrada puede leerlo, una vez.',
  descriptionLabel: '¿Qué necesitas?',
  descriptionHint:
    'La persona a la que se lo pides lo ve; el servidor no (se cifra en este navegador). No pongas aquí el secreto en sí.',
  waitLabel: 'Cuánto tiempo esperar una respuesta',
  answerWaitLabel: 'Cuánto tiempo puede esperar la respuesta a ser leída',
  createButton: 'Crear la solicitud',
  creating: 'Creando…',
  errEmpty: 'Primero di qué necesitas.',
  errTooLong: 'La descripción es demasiado larga: {size} de {max} como máximo.',
  errNotAllowed: 'Tu organización no te permite pedir secretos.',

  readyTitle: 'Tu solicitud está lista',
  requestLinkLabel: 'Enlace de solicitud: envíalo a quien tiene el secreto',
  copyRequestLink: 'Copiar el enlace de solicitud',
  requestQr: 'Código QR del enlace de solicitud',
  inboxLinkLabel: 'Enlace de bandeja de entrada: guárdalo para ti',
  copyInboxLink: 'Copiar el enlace de bandeja de entrada',
  inboxWarning:
    'Guarda el enlace de bandeja de entrada en un lugar seguro. Es la única forma de leer la respuesta: nadie puede recuperarlo por ti, ni siquiera el servidor. No se lo envíes a nadie.',
  openInbox: 'Abrir la bandeja de entrada',
  receiptLinkLabel: 'Enlace de recibo: muestra si la solicitud se respondió y se leyó (nunca la respuesta)',
  copyReceiptLink: 'Copiar el enlace de recibo',
  waitsUntil: 'El enlace de solicitud funciona hasta el {date}, para una sola respuesta.',
  requestAnother: 'Pedir otro secreto',

  respondTitle: 'Alguien te pide un secreto',
  askedFor: 'Lo que se pide',
  respondIntro:
    'Lo que envíes se cifra en este navegador. Solo quien lo pidió puede leerlo, una vez; después desaparece del servidor.',
  answerLabel: 'Tu secreto',
  answerKept: 'Si tu respuesta no se lee, se borra {time} después de enviarla.',
  sendButton: 'Enviar el secreto',
  sending: 'Enviando…',
  errAnswerEmpty: 'Primero escribe un secreto o adjunta un archivo.',
  sentTitle: 'Enviado',
  sentBody: 'Enviado. Quien lo pidió puede leerlo una vez; después desaparece del servidor.',
  sentExpires: 'Si no se lee antes del {date}, se borra sin leer.',
  requestGoneTitle: 'Esta solicitud está cerrada',
  requestGone:
    'Esta solicitud ya se respondió, se destruyó o caducó, o nunca existió. Pide una nueva a quien te la envió.',
  alreadyAnswered: 'Alguien ya respondió a esta solicitud, y solo admite una respuesta.',
  notSent: 'No se envió nada tuyo.',
  missingKey: 'Este enlace está incompleto: falta la parte después de #. Usa el enlace completo.',
  badLink: 'Este enlace está dañado y no se puede usar. Usa el enlace completo.',
  descriptionUnreadable: 'La descripción no se puede descifrar con este enlace. Pide el enlace completo.',

  inboxTitle: 'La bandeja de entrada de tu solicitud',
  inboxUnknown:
    'Esta bandeja de entrada es desconocida: el enlace es incorrecto, o la solicitud desapareció hace tanto que no queda nada de ella.',
  waitingBody: 'Nadie ha respondido todavía. Esta página vuelve a comprobarlo cada pocos segundos.',
  answeredBody: 'Ha llegado una respuesta. Puedes leerla una vez: al mostrarla se borra del servidor.',
  answerFiles_one: 'Trae un archivo.',
  answerFiles_many: 'Trae {n} de archivos.',
  answerFiles_other: 'Trae {n} archivos.',
  answerPassphrase: 'Está protegida con una frase de contraseña. Pídesela a quien respondió.',
  revealButton: 'Mostrar la respuesta',
  readBody: 'La respuesta se leyó. Ya no está en el servidor.',
  expiredBody: 'Esta solicitud terminó sin que se leyera ninguna respuesta.',
  burnedBody: 'Esta solicitud se destruyó.',
  burnRequest: 'Destruir esta solicitud',
  burnConfirm:
    '¿Destruir esta solicitud ahora? Nadie podrá responderla, y una respuesta aún no leída se destruye.',
  burnedNow: 'La solicitud está destruida.',

  receiptTitle: 'Recibo de la solicitud',
  receiptIntro: 'Cómo está tu solicitud. El recibo nunca muestra la respuesta.',
  receiptUnknown: 'Este recibo es desconocido, o la solicitud a la que pertenecía desapareció hace tiempo.',
  stateLabel: 'Estado',
  state_waiting: 'Esperando una respuesta',
  state_answered: 'Respondida, aún sin leer',
  state_read: 'Leída',
  state_expired: 'Caducada',
  state_burned: 'Destruida',
  createdAt: 'Pedida',
  expiresAt: 'Espera una respuesta hasta',
  answeredAt: 'Respondida',
  readAt: 'Leída',
  endedAt: 'Terminada',
  refreshing: 'Mientras la solicitud está abierta, esta página vuelve a comprobarlo cada pocos segundos.',
};

export default es;
