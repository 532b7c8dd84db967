import type { MailMessage } from './mailer.js';

/** The languages a verification mail is written in: those of the web app. */
const TEXTS = {
  en: {
    subject: 'Your burnlink verification code',
    body: (code: string, minutes: number) =>
      `Your code to open the secret that was shared with you: ${code}\n\n` +
      `It works once, for ${minutes} minutes. If you did not ask for it, ignore this mail: nobody can open the secret without the link.`,
  },
  nl: {
    subject: 'Je burnlink-verificatiecode',
    body: (code: string, minutes: number) =>
      `Je code om het geheim te openen dat met je is gedeeld: ${code}\n\n` +
      `Hij werkt één keer, ${minutes} minuten lang. Heb je er niet om gevraagd? Negeer deze mail: zonder de link kan niemand het geheim openen.`,
  },
  sv: {
    subject: 'Din verifieringskod för burnlink',
    body: (code: string, minutes: number) =>
      `Din kod för att öppna hemligheten som delades med dig: ${code}\n\n` +
      `Den fungerar en gång, i ${minutes} minuter. Om du inte bad om den kan du strunta i det här mejlet: ingen kan öppna hemligheten utan länken.`,
  },
  de: {
    subject: 'Ihr burnlink-Bestätigungscode',
    body: (code: string, minutes: number) =>
      `Ihr Code zum Öffnen des Geheimnisses, das mit Ihnen geteilt wurde: ${code}\n\n` +
      `Er gilt einmal, ${minutes} Minuten lang. Wenn Sie ihn nicht angefordert haben, ignorieren Sie diese Mail: Ohne den Link kann niemand das Geheimnis öffnen.`,
  },
  fr: {
    subject: 'Votre code de vérification burnlink',
    body: (code: string, minutes: number) =>
      `Votre code pour ouvrir le secret partagé avec vous : ${code}\n\n` +
      `Il fonctionne une fois, pendant ${minutes} minutes. Si vous ne l'avez pas demandé, ignorez ce message : personne ne peut ouvrir le secret sans le lien.`,
  },
  es: {
    subject: 'Tu código de verificación de burnlink',
    body: (code: string, minutes: number) =>
      `Tu código para abrir el secreto que han compartido contigo: ${code}\n\n` +
      `Funciona una vez, durante ${minutes} minutos. Si no lo has pedido, ignora este correo: nadie puede abrir el secreto sin el enlace.`,
  },
} as const;

type MailLocale = keyof typeof TEXTS;

/** The first language of an `Accept-Language` header that a mail is written in, else English. */
export function mailLocale(acceptLanguage: string | undefined): MailLocale {
  for (const part of (acceptLanguage ?? '').split(',')) {
    const primary = part.trim().split(';')[0]?.split('-')[0]?.toLowerCase() ?? '';
    if (Object.hasOwn(TEXTS, primary)) return primary as MailLocale;
  }
  return 'en';
}

/**
 * The mail that carries a verification code: the code and how long it works, nothing else — no link, no id,
 * no sender, so a mail read by someone else opens nothing.
 */
export function verificationMail(to: string, code: string, validMs: number, locale: MailLocale): MailMessage {
  const texts = TEXTS[locale];
  return { to, subject: texts.subject, text: texts.body(code, Math.round(validMs / 60_000)) };
}
