import type { RestrictionMessages } from './en.js';

export const es: RestrictionMessages = {
  intro:
    'El servidor comprueba esto antes de que se abra el secreto. Un intento rechazado no gasta nada. Deja un campo vacío para no usarlo.',
  recipientsLabel: 'Direcciones de correo de los destinatarios',
  recipientsHint:
    'El destinatario elige su dirección en la página del enlace e introduce un código de 6 cifras que recibe por correo. Una dirección por línea o separadas por comas, como máximo {max}. El servidor guarda las direcciones solo hasta que el secreto desaparece.',
  recipientsRequired: 'Tu organización lo exige: introduce al menos una dirección.',
  recipientsDomains: 'Tu organización permite direcciones en: {domains}.',
  verificationUnavailable:
    'Tu organización exige verificar al destinatario, pero este servidor no puede enviar correos. Consulta al responsable del servidor.',
  networksLabel: 'Redes permitidas',
  networksHint:
    'El secreto solo se abre desde estas direcciones: rangos IPv4 o IPv6 como 203.0.113.0/24 o 2001:db8::/32, uno por línea o separados por comas.',
  networksPolicy:
    'Tu organización exige estas redes: {cidrs}. Puedes restringirlas; si dejas el campo vacío, se aplican tal cual.',
  hoursToggle: 'Solo en horario de oficina',
  hoursDays: 'Días',
  hoursStart: 'Desde',
  hoursEnd: 'Hasta',
  hoursZone: 'Zona horaria',
  hoursHint:
    'En la zona horaria elegida aquí, esté donde esté el destinatario. Un final a las 00:00 significa medianoche.',
  hoursFixed: 'Tu organización exige un horario de oficina: {days}, {start}–{end} ({zone}).',
  countriesLabel: 'Países permitidos',
  countriesHint:
    'Códigos de país de dos letras como NL, SE o DE, separados por comas o espacios. El servidor averigua el país de una conexión en una base de datos de ubicación, que puede equivocarse, por ejemplo detrás de una VPN.',
  countriesNamed: 'Permitidos: {names}.',
  countriesPolicy:
    'Tu organización solo permite: {codes}. Puedes reducir la lista; si dejas el campo vacío, se aplica.',
  policyDefault: 'Rellenado con el valor predeterminado de tu organización. Puedes cambiarlo.',
  passphraseRequired: 'Tu organización exige una frase de contraseña.',
  passphraseMin: 'Tu organización exige una frase de contraseña de al menos {n} caracteres.',

  errEmail: '«{value}» no es una dirección de correo.',
  errTooMany: 'Demasiadas entradas: {count} de {max} como máximo.',
  errDomain: '«{value}» no está en un dominio que permita tu organización ({domains}).',
  errCidr: '«{value}» no es una red. Escribe una dirección y una longitud de prefijo, como 192.168.1.0/24.',
  errCidrPolicy: '{value} está fuera de las redes que permite tu organización.',
  errDays: 'Elige al menos un día para el horario de oficina.',
  errTime: 'Introduce el horario de oficina en horas y minutos, como 09:00.',
  errOrder: 'El horario de oficina debe terminar después de empezar (no puede pasar de medianoche).',
  errZone: '«{value}» no es una zona horaria. Usa un nombre como Europe/Madrid.',
  errCountry: '«{value}» no es un código de país de dos letras.',
  errCountryPolicy: '{value} no está entre los países que permite tu organización.',

  failInvalid:
    'El servidor no aceptó las restricciones. Revisa las direcciones, las redes, el horario de oficina y los países.',
  failUnavailable:
    'Este servidor no puede aplicar una de estas restricciones: no tiene servidor de correo (para verificar al destinatario) o no tiene base de datos de ubicación (para países). Quítala y vuelve a intentarlo.',
  failPolicy: 'Las reglas de tu organización no permiten este secreto: {rule}',
  rule_members_only: 'solo los miembros actuales pueden crear secretos.',
  rule_max_ttl: 'la duración es mayor de la permitida.',
  rule_max_views: 'permite más visualizaciones de las permitidas.',
  rule_passphrase_required: 'se exige una frase de contraseña.',
  rule_passphrase_min_length: 'la frase de contraseña es demasiado corta.',
  rule_verification_required: 'se exige verificar al destinatario.',
  rule_recipient_domains: 'una dirección de destinatario está en un dominio no permitido.',
  rule_networks: 'las redes van más allá de las permitidas.',
  rule_countries: 'los países van más allá de los permitidos.',
  rule_office_hours: 'el horario de oficina no coincide con el exigido.',
  rule_server_encryption: 'el secreto debe cifrarse en el navegador.',
  rule_unknown: 'regla «{rule}».',

  noteNetwork: 'Este enlace solo se abre desde ciertas redes.',
  noteHours: 'Este enlace solo se abre en ciertos horarios.',
  noteCountry: 'Este enlace solo se abre desde ciertos países.',
  verifyLegend: 'Confirma tu dirección de correo',
  verifyIntro:
    'El remitente pidió que se verifique al destinatario. Elige tu dirección y recibirás por correo un código de 6 cifras.',
  verifyPick: 'Tu dirección de correo',
  sendCode: 'Enviar código',
  sendNewCode: 'Enviar un código nuevo',
  sendingCode: 'Enviando…',
  codeSent: 'Se envió un código a {to}. Es válido hasta las {time}.',
  codeLabel: 'Código de 6 cifras',
  codeHint: 'El del correo. Si no llega en unos minutos, mira en la carpeta de spam o envía un código nuevo.',
  errPick: 'Primero elige tu dirección de correo.',
  errCodeFormat: 'Introduce el código de 6 cifras del correo.',
  errSendFirst: 'Primero envía un código a tu dirección de correo y luego introdúcelo aquí.',
  codeWrong_one: 'Ese código no es correcto. Te queda 1 intento con este código.',
  codeWrong_other: 'Ese código no es correcto. Te quedan {n} intentos con este código.',
  codeWrong_many: 'Ese código no es correcto. Te quedan {n} de intentos con este código.',
  codeUsedUp:
    'Este código ya no sirve: se introdujo mal demasiadas veces, ya se usó o ha caducado. Envía un código nuevo.',
  codeLimit: 'No se pueden enviar más códigos para este secreto. Pide al remitente un enlace nuevo.',
  mailUnavailable: 'No se pudo enviar el correo en este momento. Vuelve a intentarlo en unos minutos.',
  verificationRequired:
    'Este secreto solo se abre cuando confirmas tu dirección de correo: elígela, envía un código e introdúcelo.',
  outsideHours:
    'Este secreto solo se abre en el horario que eligió el remitente. Se abrirá de nuevo el {when}.',
  outsideHoursLater: 'Este secreto solo se abre en el horario que eligió el remitente, y ahora está cerrado.',
  networkRefused:
    'Este secreto solo se abre desde las redes que eligió el remitente, como la red de una oficina o una VPN, y tu conexión no es una de ellas.',
  countryRefused: 'Este secreto no se puede abrir desde el país desde el que te conectas.',
  nothingUsed: 'No se gastó nada: el enlace sigue funcionando cuando vuelvas a intentarlo.',
};

export default es;
