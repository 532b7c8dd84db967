import type { CliMessages } from './en.js';

/** العربية (العربية الفصحى المعاصرة، كتطبيق الويب). */
export const ar: CliMessages = {
  help: `الاستخدام: burnlink COMMAND [options]

روابط أسرار لمرة واحدة، مشفّرة من طرف إلى طرف. تُشفَّر الأسرار على هذا الجهاز؛ ولا يرى الخادم المفتاح أبدًا
(فهو في الجزء #fragment من الرابط، الذي لا يُرسل أبدًا).

الأوامر:
  send [TEXT]            يشفّر سرًّا ويرفعه (TEXT أو stdin أو سؤال تفاعلي؛ --file PATH يرفق ملفات)؛
                         ويطبع رابطه
  get LINK               يفتح رابطًا مرة واحدة؛ ويطبع السر (--output DIR يحفظ ملفاته)
  request [DESCRIPTION]  يطلب سرًّا من شخص ما: يطبع رابط الطلب لإرساله إليه (ويذهب رابط صندوق الوارد،
                         الذي يقرأ به get الرد، إلى stderr)
  respond REQUEST_LINK   يردّ على طلب بسر من stdin (--file PATH يرفق ملفات)
  status RECEIPT_LINK    ما حدث لسر أرسلته
  burn RECEIPT_LINK|ID   يتلف سرًّا أرسلته، فورًا (بمعرّفه ID أو برابط السر مع مفتاح API)
  list                   أسرار مؤسستك (--scope own|team|org)؛ يحتاج إلى مفتاح API
  login                  يحفظ مفتاح API لخادم (يُقرأ مخفيًّا، أو من stdin)؛ والأمر logout يحذفه
  generate               يطبع كلمة مرور عشوائية
  serve                  يشغّل خادم burnlink
  admin COMMAND          يدير الحسابات في مخازن الخادم: create-org وinvite وcreate-key
                         وlist-keys وrevoke-key وaudit (انظر: burnlink admin --help)

شغّل \`burnlink COMMAND --help\` لعرض خيارات أمر ما.

متغيرات البيئة:
  BURNLINK_URL           الخادم للأوامر send وstatus وburn وlist (الافتراضي: خادم burnlink login، وإلا
                         http://127.0.0.1:8080)
  BURNLINK_API_KEY       مفتاح API (bl_…) يُرسل إلى ذلك الخادم: الأسرار التي ترسلها تتبع مؤسسته؛
                         يحتاج إليه list وburn بالمعرّف (أو يحفظ burnlink login مفتاحًا بدلًا منه)
  BURNLINK_PASSPHRASE    عبارة المرور حين لا توجد طرفية للسؤال فيها (send --passphrase، get)

رموز الخروج:
  0 نجاح · 1 خطأ غير متوقع · 2 استخدام أو إدخال خاطئ · 3 سر غير معروف أو منتهي الصلاحية أو مستخدم
  4 عبارة مرور خاطئة · 5 مقفل (حُرق بعد عبارات مرور خاطئة كثيرة) · 6 تعذّر الوصول إلى الخادم
  7 خطأ في الخادم · 8 تجاوز حد الطلبات · 9 عبارة المرور مطلوبة لكنها غير متاحة
  10 تعذّرت كتابة ملف في --output · 11 لا يوجد مفتاح API، أو رفضه الخادم (401)
  12 ينقص مفتاح API النطاق أو الصلاحية (403) · 13 رفضته قيود السر (ساعات العمل،
  الشبكة، الدولة) · 14 التحقق من المستلم مطلوب أو كان الرمز خاطئًا
  15 لا يوجد رد على الطلب بعد (get INBOX_LINK) · 130 أُلغي (Ctrl-C)

الخيارات:
  -h, --help             يعرض هذه المساعدة
  -v, --version          يطبع رقم الإصدار
`,

  unknownCommand: 'أمر غير معروف{name}',
  unknownCommandLinkHint: '؛ لفتح رابط: burnlink get LINK',
  unknownCommandHelpHint: ' (انظر: burnlink --help)',
  cancelled: 'أُلغي',
  unexpected: 'خطأ غير متوقع ({kind})؛ يُرجى الإبلاغ عنه',

  promptSecret: 'السر (مخفي): ',
  promptPassphrase: 'عبارة المرور: ',
  promptPassphraseAgain: 'عبارة المرور (مرة أخرى): ',
  promptApiKey: 'مفتاح API (مخفي): ',
  promptSendCode: 'هل تريد إرسال الرمز؟ [1]: ',
  promptAddress: 'عنوانك [1-{count}]: ',
  promptCode: 'رمز التحقق: ',
  emptySecret: 'السر فارغ',
  emptyPassphrase: 'عبارة المرور فارغة',
  passphrasesDiffer: 'عبارتا المرور مختلفتان',

  sentPassword: 'كلمة المرور (تُعرض مرة واحدة): {password}',
  sentReceipt: 'الإيصال: {link}',
  sentExpires: 'تنتهي صلاحيته: {at} ({relative})',
  burned: 'حُرق: لم يعد الرابط يعمل.',
  noSecrets: 'لا توجد أسرار.',
  notLoggedIn: 'لم تسجّل الدخول: لا يوجد مفتاح محفوظ.',

  hintNotAuthenticated: ' (اضبط BURNLINK_API_KEY على مفتاح صالح، أو شغّل: burnlink login)',
  hintForbidden: ' (اطلب من أحد المسؤولين مفتاحًا له هذا النطاق)',
  fail_not_found: 'سر غير معروف: لم يوجد قط، أو انتهت صلاحيته، أو عُرض أو حُرق من قبل',
  fail_wrong_passphrase: 'عبارة مرور خاطئة؛ المحاولات المتبقية قبل حرق السر: {n}',
  fail_locked: 'عبارة مرور خاطئة، وكانت تلك المحاولة الأخيرة: حُرق السر',
  fail_passphrase_required: 'هذا السر محميّ بعبارة مرور، ولم تُقدَّم أي عبارة (لم يُستهلك شيء)',
  fail_rate_limited: 'طلبات كثيرة جدًا: حاول مرة أخرى لاحقًا',
  fail_invalid_request: 'رفض الخادم الطلب ({code})',
  fail_bad_link: 'ليس رابط burnlink صالحًا',
  fail_decrypt_failed: 'تعذّر فك تشفير السر بهذا الرابط: الرابط تالف أو ناقص',
  fail_network: 'تعذّر الوصول إلى الخادم',
  fail_server: 'فشل الخادم أو أجاب بشيء غير متوقع',
  fail_cancelled: 'أُلغي',
  fail_restricted: 'رفضت قيود السر هذه المحاولة ({code})؛ لم يُستهلك شيء',
  fail_verification_required: 'لا يُفتح هذا السر إلا لمستلم تم التحقق منه (لم يُستهلك شيء)',
  fail_verification_code_invalid: 'رمز التحقق خاطئ أو مستخدم أو منتهي الصلاحية (لم يُستهلك شيء)',
  fail_request_not_found: 'طلب غير معروف: رُدّ عليه أو حُرق أو انتهت صلاحيته، أو لم يوجد قط',
  fail_request_answered: 'رُدّ على هذا الطلب بالفعل: لا يقبل إلا ردًّا واحدًا',
};

export default ar;
