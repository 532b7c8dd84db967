import type { RestrictionMessages } from './en.js';

/** Türkçe. */
export const tr: RestrictionMessages = {
  intro:
    'Sunucu, sır açılmadan önce bunları denetler. Geri çevrilen bir deneme hiçbir hakkı tüketmez. Kullanmak istemediğin alanı boş bırak.',
  recipientsLabel: 'Alıcıların e-posta adresleri',
  recipientsHint:
    'Alıcı, bağlantının sayfasında kendi adresini seçer ve e-postayla gönderilen 6 haneli kodu girer. Her satıra bir adres ya da virgülle ayrılmış, en fazla {max}. Sunucu adresleri yalnızca sır ortadan kalkana kadar saklar.',
  recipientsRequired: 'Kuruluşun bunu zorunlu tutuyor: en az bir adres gir.',
  recipientsDomains: 'Kuruluşunun izin verdiği adres alan adları: {domains}.',
  verificationUnavailable:
    'Kuruluşun alıcı doğrulamasını zorunlu tutuyor, ancak bu sunucu e-posta gönderemiyor. Yöneticiye sor.',
  networksLabel: 'İzin verilen ağlar',
  networksHint:
    'Sır yalnızca bu adreslerden açılır: 203.0.113.0/24 ya da 2001:db8::/32 gibi IPv4 veya IPv6 aralıkları, her satıra bir tane ya da virgülle ayrılmış.',
  networksPolicy:
    'Kuruluşun şu ağları zorunlu tutuyor: {cidrs}. Bunları daraltabilirsin; boş bırakırsan oldukları gibi uygulanır.',
  hoursToggle: 'Yalnızca mesai saatlerinde',
  hoursDays: 'Günler',
  hoursStart: 'Başlangıç',
  hoursEnd: 'Bitiş',
  hoursZone: 'Saat dilimi',
  hoursHint: 'Alıcınınki ne olursa olsun, burada seçilen saat diliminde. 00:00 bitişi gece yarısı demektir.',
  hoursFixed: 'Kuruluşun şu mesai saatlerini zorunlu tutuyor: {days}, {start}–{end} ({zone}).',
  countriesLabel: 'İzin verilen ülkeler',
  countriesHint:
    'TR, NL ya da DE gibi iki harfli ülke kodları; virgül ya da boşlukla ayrılmış. Sunucu bir bağlantının ülkesini konum veritabanından bulur; bu, örneğin bir VPN arkasında yanlış olabilir.',
  countriesNamed: 'İzin verilenler: {names}.',
  countriesPolicy:
    'Kuruluşun yalnızca şunlara izin veriyor: {codes}. Listeyi daraltabilirsin; boş bırakırsan bu liste uygulanır.',
  policyDefault: 'Kuruluşunun varsayılanıyla dolduruldu. Değiştirebilirsin.',
  passphraseRequired: 'Kuruluşun bir parola zorunlu tutuyor.',
  passphraseMin: 'Kuruluşun en az {n} karakterlik bir parola zorunlu tutuyor.',

  errEmail: '“{value}” bir e-posta adresi değil.',
  errTooMany: 'Çok fazla giriş: {count} (en fazla {max}).',
  errDomain: '“{value}”, kuruluşunun izin verdiği bir alan adında değil ({domains}).',
  errCidr: '“{value}” bir ağ değil. 192.168.1.0/24 gibi bir adres ve önek uzunluğu yaz.',
  errCidrPolicy: '{value}, kuruluşunun izin verdiği ağların dışında.',
  errDays: 'Mesai saatleri için en az bir gün seç.',
  errTime: 'Mesai saatlerini 09:00 gibi saat ve dakika olarak gir.',
  errOrder: 'Mesai saatleri başladıktan sonra bitmeli (gece yarısını geçemez).',
  errZone: '“{value}” bir saat dilimi değil. Europe/Istanbul gibi bir ad kullan.',
  errCountry: '“{value}” iki harfli bir ülke kodu değil.',
  errCountryPolicy: '{value}, kuruluşunun izin verdiği ülkeler arasında değil.',

  failInvalid:
    'Sunucu kısıtlamaları kabul etmedi. Adresleri, ağları, mesai saatlerini ve ülkeleri kontrol et.',
  failUnavailable:
    'Bu sunucu bu kısıtlamalardan birini uygulayamıyor: bir e-posta sunucusu (alıcı doğrulaması için) ya da konum veritabanı (ülkeler için) yok. Kısıtlamayı kaldırıp tekrar dene.',
  failPolicy: 'Kuruluşunun kuralları bu sırra izin vermiyor: {rule}',
  rule_members_only: 'yalnızca mevcut üyeler sır oluşturabilir.',
  rule_max_ttl: 'geçerlilik süresi izin verilenden uzun.',
  rule_max_views: 'izin verilenden fazla görüntülemeye izin veriyor.',
  rule_passphrase_required: 'bir parola gerekli.',
  rule_passphrase_min_length: 'parola çok kısa.',
  rule_verification_required: 'alıcı doğrulaması gerekli.',
  rule_recipient_domains: 'bir alıcı adresi izin verilmeyen bir alan adında.',
  rule_networks: 'ağlar izin verilenlerin dışına taşıyor.',
  rule_countries: 'ülkeler izin verilenlerin dışına taşıyor.',
  rule_office_hours: 'mesai saatleri zorunlu olanlardan farklı.',
  rule_server_encryption: 'sır tarayıcıda şifrelenmeli.',
  rule_unknown: '“{rule}” kuralı.',

  noteNetwork: 'Bu bağlantı yalnızca belirli ağlardan açılır.',
  noteHours: 'Bu bağlantı yalnızca belirli saatlerde açılır.',
  noteCountry: 'Bu bağlantı yalnızca belirli ülkelerden açılır.',
  verifyLegend: 'E-posta adresini doğrula',
  verifyIntro:
    'Gönderen, alıcının doğrulanmasını istedi. Adresini seç; e-postana 6 haneli bir kod gönderilir.',
  verifyPick: 'E-posta adresin',
  sendCode: 'Kod gönder',
  sendNewCode: 'Yeni kod gönder',
  sendingCode: 'Gönderiliyor…',
  codeSent: '{to} adresine bir kod gönderildi. {time} saatine kadar geçerli.',
  codeLabel: '6 haneli kod',
  codeHint: 'E-postadaki kod. Birkaç dakika içinde gelmezse spam klasörüne bak ya da yeni bir kod gönder.',
  errPick: 'Önce e-posta adresini seç.',
  errCodeFormat: 'E-postadaki 6 haneli kodu gir.',
  errSendFirst: 'Önce e-posta adresine bir kod gönder, sonra kodu buraya gir.',
  codeWrong_one: 'Bu kod doğru değil. Bu kodla 1 deneme hakkın daha var.',
  codeWrong_other: 'Bu kod doğru değil. Bu kodla {n} deneme hakkın daha var.',
  codeUsedUp:
    'Bu kod artık çalışmıyor: çok kez yanlış girildi, zaten kullanıldı ya da süresi doldu. Yeni bir kod gönder.',
  codeLimit: 'Bu sır için daha fazla kod gönderilemez. Gönderenden yeni bir bağlantı iste.',
  mailUnavailable: 'E-posta şu anda gönderilemedi. Birkaç dakika sonra tekrar dene.',
  verificationRequired:
    'Bu sır yalnızca e-posta adresini doğruladıktan sonra açılır: adresini seç, kod gönder ve kodu gir.',
  outsideHours: 'Bu sır yalnızca gönderenin seçtiği saatlerde açılır. Bir sonraki açılış: {when}.',
  outsideHoursLater: 'Bu sır yalnızca gönderenin seçtiği saatlerde açılır ve şu anda kapalı.',
  networkRefused:
    'Bu sır yalnızca gönderenin seçtiği ağlardan (örneğin bir ofis ağı ya da VPN) açılır ve senin bağlantın bunlardan biri değil.',
  countryRefused: 'Bu sır, bağlandığın ülkeden açılamaz.',
  nothingUsed: 'Hiçbir hak tüketilmedi: tekrar denediğinde bağlantı yine çalışır.',
};

export default tr;
