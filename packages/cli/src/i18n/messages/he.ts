import type { CliMessages } from './en.js';

/** עברית (ניסוח ניטרלי מגדרית, כמו באפליקציית הרשת). */
export const he: CliMessages = {
  help: `שימוש: burnlink COMMAND [options]

קישורי סודות חד־פעמיים, מוצפנים מקצה לקצה. הסודות מוצפנים במחשב הזה; השרת אף פעם לא רואה את המפתח
(הוא נמצא בחלק ה־#fragment של הקישור, שלעולם לא נשלח).

פקודות:
  send [TEXT]            הצפנה והעלאה של סוד (TEXT, stdin או שאלה אינטראקטיבית; --file PATH מצרף קבצים);
                         מדפיס את הקישור שלו
  get LINK               פתיחת קישור פעם אחת; מדפיס את הסוד (--output DIR שומר את הקבצים שלו)
  request [DESCRIPTION]  בקשת סוד ממישהו: מדפיס את קישור הבקשה לשליחה (קישור תיבת הדואר הנכנס, שאיתו
                         get קורא את התשובה, נשלח ל־stderr)
  respond REQUEST_LINK   מענה על בקשה בסוד מ־stdin (--file PATH מצרף קבצים)
  status RECEIPT_LINK    מה קרה לסוד שנשלח על ידך
  burn RECEIPT_LINK|ID   השמדה מיידית של סוד שנשלח על ידך (לפי ה־ID שלו, או קישור הסוד עם מפתח API)
  list                   הסודות של הארגון שלך (--scope own|team|org); דורש מפתח API
  login                  שמירת מפתח API לשרת (נקרא בהסתרה, או מ־stdin); logout מוחק אותו
  generate               הדפסת סיסמה אקראית
  serve                  הפעלת השרת של burnlink
  admin COMMAND          ניהול חשבונות במאגרים של השרת: create-org, invite, create-key,
                         list-keys, revoke-key, audit (ראו: burnlink admin --help)

האפשרויות של פקודה מוצגות עם \`burnlink COMMAND --help\`.

משתני סביבה:
  BURNLINK_URL           השרת עבור send, status, burn ו־list (ברירת מחדל: השרת של burnlink login, ואם אין,
                         http://127.0.0.1:8080)
  BURNLINK_API_KEY       מפתח API (bl_…) שנשלח לשרת הזה: הסודות שנשלחים שייכים לארגון שלו;
                         list ו־burn לפי ID דורשים אותו (או ש־burnlink login שומר מפתח במקומו)
  BURNLINK_PASSPHRASE    ביטוי הסיסמה כשאין מסוף לשאול בו (send --passphrase, get)

קודי יציאה:
  0 תקין · 1 שגיאה לא צפויה · 2 שימוש או קלט שגויים · 3 סוד לא מוכר, שפג תוקפו או שכבר נוצל
  4 ביטוי סיסמה שגוי · 5 נעול (נשרף אחרי יותר מדי ביטויי סיסמה שגויים) · 6 אין גישה לשרת
  7 שגיאת שרת · 8 חריגה ממגבלת הבקשות · 9 נדרש ביטוי סיסמה ואין כזה
  10 לא ניתן היה לכתוב קובץ ל־--output · 11 אין מפתח API, או שהשרת דחה אותו (401)
  12 למפתח ה־API חסרות הרשאה או טווח (403) · 13 נדחה בגלל ההגבלות של הסוד (שעות עבודה,
  רשת, מדינה) · 14 נדרש אימות נמען או שהקוד היה שגוי
  15 עדיין אין תשובה לבקשה (get INBOX_LINK) · 130 בוטל (Ctrl-C)

אפשרויות:
  -h, --help             הצגת העזרה הזו
  -v, --version          הדפסת הגרסה
`,

  unknownCommand: 'פקודה לא מוכרת{name}',
  unknownCommandLinkHint: '; כדי לפתוח קישור: burnlink get LINK',
  unknownCommandHelpHint: ' (ראו: burnlink --help)',
  cancelled: 'בוטל',
  unexpected: 'שגיאה לא צפויה ({kind}); נא לדווח עליה',

  promptSecret: 'סוד (מוסתר): ',
  promptPassphrase: 'ביטוי סיסמה: ',
  promptPassphraseAgain: 'ביטוי סיסמה (שוב): ',
  promptApiKey: 'מפתח API (מוסתר): ',
  promptSendCode: 'לשלוח את הקוד? [1]: ',
  promptAddress: 'הכתובת שלך [1-{count}]: ',
  promptCode: 'קוד אימות: ',
  emptySecret: 'הסוד ריק',
  emptyPassphrase: 'ביטוי הסיסמה ריק',
  passphrasesDiffer: 'שני ביטויי הסיסמה שונים זה מזה',

  sentPassword: 'סיסמה (מוצגת פעם אחת): {password}',
  sentReceipt: 'קבלה: {link}',
  sentExpires: 'תוקף עד: {at} ({relative})',
  burned: 'נשרף: הקישור כבר לא עובד.',
  noSecrets: 'אין סודות.',
  notLoggedIn: 'לא מחובר: אין מפתח שמור.',

  hintNotAuthenticated: ' (יש להגדיר ב־BURNLINK_API_KEY מפתח תקף, או להריץ: burnlink login)',
  hintForbidden: ' (אפשר לבקש ממנהל מפתח עם ההרשאה הזו)',
  fail_not_found: 'סוד לא מוכר: הוא מעולם לא היה קיים, פג תוקפו, או שכבר צפו בו או שרפו אותו',
  fail_wrong_passphrase: 'ביטוי סיסמה שגוי; ניסיונות שנותרו לפני שהסוד יישרף: {n}',
  fail_locked: 'ביטוי סיסמה שגוי, וזה היה הניסיון האחרון: הסוד נשרף',
  fail_passphrase_required: 'הסוד הזה מוגן בביטוי סיסמה, ולא סופק כזה (שום דבר לא נוצל)',
  fail_rate_limited: 'יותר מדי בקשות: אפשר לנסות שוב מאוחר יותר',
  fail_invalid_request: 'השרת דחה את הבקשה ({code})',
  fail_bad_link: 'זה לא קישור burnlink תקף',
  fail_decrypt_failed: 'לא ניתן היה לפענח את הסוד עם הקישור הזה: הקישור פגום או חלקי',
  fail_network: 'אין גישה לשרת',
  fail_server: 'השרת נכשל או ענה משהו לא צפוי',
  fail_cancelled: 'בוטל',
  fail_restricted: 'ההגבלות של הסוד דחו את הניסיון הזה ({code}); שום דבר לא נוצל',
  fail_verification_required: 'הסוד הזה נפתח רק לנמען מאומת (שום דבר לא נוצל)',
  fail_verification_code_invalid: 'קוד האימות שגוי, כבר נוצל או שפג תוקפו (שום דבר לא נוצל)',
  fail_request_not_found: 'בקשה לא מוכרת: היא נענתה, נשרפה או שפג תוקפה, או שמעולם לא הייתה קיימת',
  fail_request_answered: 'כבר ענו על הבקשה הזו: היא מקבלת תשובה אחת בלבד',
};

export default he;
