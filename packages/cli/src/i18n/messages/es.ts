import type { CliMessages } from './en.js';

/** Español. */
export const es: CliMessages = {
  help: `Uso: burnlink ORDEN [opciones]

Enlaces secretos de un solo uso, cifrados de extremo a extremo. Los secretos se cifran en este equipo; el
servidor nunca ve la clave (va en el #fragmento del enlace, que nunca se envía).

Órdenes:
  send [TEXTO]           cifrar y subir un secreto (TEXTO, stdin o una pregunta; --file RUTA adjunta
                         archivos); muestra su enlace
  get ENLACE             abrir un enlace una vez; muestra el secreto (--output DIR guarda sus archivos)
  request [DESCRIPCIÓN]  pedir un secreto a alguien: muestra el enlace de solicitud que le envías (el enlace
                         de bandeja, para leer la respuesta con get, va a stderr)
  respond ENLACE         responder a una solicitud con un secreto de stdin (--file RUTA adjunta archivos)
  status ENLACE_RECIBO   qué pasó con un secreto que enviaste
  burn ENLACE_RECIBO|ID  destruir ya un secreto que enviaste (por su ID o enlace secreto, con una clave
                         de API)
  list                   los secretos de tu organización (--scope own|team|org); necesita una clave de API
  login                  guardar una clave de API para un servidor (se lee oculta, o de stdin); logout la
                         borra
  generate               mostrar una contraseña aleatoria
  serve                  ejecutar el servidor de burnlink
  admin ORDEN            administrar cuentas en el almacenamiento del servidor: create-org, invite,
                         create-key, list-keys, revoke-key, audit (ver: burnlink admin --help)

\`burnlink ORDEN --help\` muestra las opciones de una orden.

Entorno:
  BURNLINK_URL           servidor para send, status, burn y list (por defecto: el de burnlink login, si no
                         http://127.0.0.1:8080)
  BURNLINK_API_KEY       clave de API (bl_…) para ese servidor: los secretos que envías son de su
                         organización; list y burn por ID la necesitan (burnlink login guarda una en su lugar)
  BURNLINK_PASSPHRASE    frase de contraseña cuando no hay terminal donde preguntar (send --passphrase, get)

Códigos de salida:
  0 ok · 1 error inesperado · 2 uso o datos incorrectos · 3 secreto desconocido, caducado o ya usado
  4 frase de contraseña incorrecta · 5 bloqueado (destruido tras demasiados intentos) · 6 servidor
  inalcanzable · 7 error del servidor · 8 demasiadas solicitudes · 9 hace falta una frase de contraseña y no
  hay ninguna · 10 no se pudo escribir un archivo en --output · 11 sin clave de API, o el servidor la rechazó
  (401) · 12 a la clave de API le falta permiso o alcance (403) · 13 rechazado por las restricciones del
  secreto (horario, red, país) · 14 hace falta verificar al destinatario o el código era incorrecto
  15 la solicitud aún no tiene respuesta (get ENLACE_DE_BANDEJA) · 130 cancelado (Ctrl-C)

Opciones:
  -h, --help             mostrar esta ayuda
  -v, --version          mostrar la versión
`,

  unknownCommand: 'orden desconocida{name}',
  unknownCommandLinkHint: '; para abrir un enlace: burnlink get ENLACE',
  unknownCommandHelpHint: ' (ver: burnlink --help)',
  cancelled: 'cancelado',
  unexpected: 'error inesperado ({kind}); por favor, infórmalo',

  promptSecret: 'Secreto (oculto): ',
  promptPassphrase: 'Frase de contraseña: ',
  promptPassphraseAgain: 'Frase de contraseña (otra vez): ',
  promptApiKey: 'Clave de API (oculta): ',
  promptSendCode: '¿Enviar el código? [1]: ',
  promptAddress: 'Tu dirección [1-{count}]: ',
  promptCode: 'Código de verificación: ',
  emptySecret: 'el secreto está vacío',
  emptyPassphrase: 'la frase de contraseña está vacía',
  passphrasesDiffer: 'las dos frases de contraseña no coinciden',

  sentPassword: 'Contraseña (se muestra una vez): {password}',
  sentReceipt: 'Recibo: {link}',
  sentExpires: 'Caduca: {at} ({relative})',
  burned: 'Destruido: el enlace ya no funciona.',
  noSecrets: 'No hay secretos.',
  notLoggedIn: 'No has iniciado sesión: no hay ninguna clave guardada.',

  hintNotAuthenticated: ' (pon en BURNLINK_API_KEY una clave válida, o ejecuta: burnlink login)',
  hintForbidden: ' (pide a un administrador una clave con ese permiso)',
  fail_not_found: 'secreto desconocido: nunca existió, ha caducado o ya se vio o se destruyó',
  fail_wrong_passphrase:
    'frase de contraseña incorrecta; intentos que quedan antes de destruir el secreto: {n}',
  fail_locked: 'frase de contraseña incorrecta, y era el último intento: el secreto se ha destruido',
  fail_passphrase_required:
    'este secreto está protegido con una frase de contraseña y no se dio ninguna (no se gastó nada)',
  fail_rate_limited: 'demasiadas solicitudes: inténtalo más tarde',
  fail_invalid_request: 'el servidor rechazó la solicitud ({code})',
  fail_bad_link: 'no es un enlace de burnlink válido',
  fail_decrypt_failed: 'no se pudo descifrar el secreto con este enlace: está dañado o incompleto',
  fail_network: 'no se puede contactar con el servidor',
  fail_server: 'el servidor falló o respondió algo inesperado',
  fail_cancelled: 'cancelado',
  fail_restricted: 'las restricciones del secreto rechazaron este intento ({code}); no se gastó nada',
  fail_verification_required: 'este secreto solo se abre para un destinatario verificado (no se gastó nada)',
  fail_verification_code_invalid:
    'el código de verificación es incorrecto, ya se usó o caducó (no se gastó nada)',
  fail_request_not_found: 'solicitud desconocida: ya se respondió, se destruyó o caducó, o nunca existió',
  fail_request_answered: 'esta solicitud ya tiene respuesta: solo admite una',
};

export default es;
