import type { RequestMessages } from './en.js';

/** Türkçe. */
export const tr: RequestMessages = {
  requestTitle: 'Bir sır iste',
  requestIntro:
    'Birinden bir şifre, anahtar ya da dosya iste. Karşı taraf istek bağlantını doldurur; gönderdiği şey kendi tarayıcısında şifrelenir ve onu yalnızca senin gelen kutusu bağlantın, bir kez okuyabilir.',
  descriptionLabel: 'Neye ihtiyacın var?',
  descriptionHint:
    'Bunu istekte bulunduğun kişi görür; sunucu görmez (bu tarayıcıda şifrelenir). Sırrın kendisini buraya yazma.',
  waitLabel: 'Yanıt için ne kadar beklenecek',
  answerWaitLabel: 'Yanıt okunmak için ne kadar bekleyebilir',
  createButton: 'İsteği oluştur',
  creating: 'Oluşturuluyor…',
  errEmpty: 'Önce neye ihtiyacın olduğunu yaz.',
  errTooLong: 'Açıklama çok uzun: {size} (en fazla {max}).',
  errNotAllowed: 'Kuruluşun sır istemene izin vermiyor.',

  readyTitle: 'İsteğin hazır',
  requestLinkLabel: 'İstek bağlantısı: sırra sahip kişiye gönder',
  copyRequestLink: 'İstek bağlantısını kopyala',
  requestQr: 'İstek bağlantısının QR kodu',
  inboxLinkLabel: 'Gelen kutusu bağlantısı: kendine sakla',
  copyInboxLink: 'Gelen kutusu bağlantısını kopyala',
  inboxWarning:
    'Gelen kutusu bağlantısını güvenli bir yerde sakla. Yanıtı okumanın tek yolu bu: onu senin için kimse, sunucu bile kurtaramaz. Kimseye gönderme.',
  openInbox: 'Gelen kutusunu aç',
  receiptLinkLabel: 'Makbuz bağlantısı: isteğin yanıtlanıp okunduğunu gösterir (yanıtı asla göstermez)',
  copyReceiptLink: 'Makbuz bağlantısını kopyala',
  waitsUntil: 'İstek bağlantısı {date} tarihine kadar, tek bir yanıt için çalışır.',
  requestAnother: 'Başka bir sır iste',

  respondTitle: 'Biri senden bir sır istiyor',
  askedFor: 'İstenen',
  respondIntro:
    'Gönderdiğin şey bu tarayıcıda şifrelenir. Onu yalnızca isteyen kişi, bir kez okuyabilir; sonra sunucudan silinir.',
  answerLabel: 'Sırrın',
  answerKept: 'Okunmazsa yanıtın, gönderdikten {time} sonra silinir.',
  sendButton: 'Sırrı gönder',
  sending: 'Gönderiliyor…',
  errAnswerEmpty: 'Önce bir sır gir ya da bir dosya ekle.',
  sentTitle: 'Gönderildi',
  sentBody: 'Gönderildi. İsteyen kişi onu bir kez okuyabilir; sonra sunucudan silinir.',
  sentExpires: '{date} tarihine kadar okunmazsa okunmadan silinir.',
  requestGoneTitle: 'Bu istek kapandı',
  requestGone:
    'Bu istek yanıtlandı, yakıldı, süresi doldu ya da hiç var olmadı. Gönderen kişiden yeni bir istek iste.',
  alreadyAnswered: 'Bu isteği biri zaten yanıtladı ve istek yalnızca tek bir yanıt kabul ediyor.',
  notSent: 'Senden hiçbir şey gönderilmedi.',
  missingKey: 'Bu bağlantı eksik: # işaretinden sonraki kısım yok. Bağlantının tamamını kullan.',
  badLink: 'Bu bağlantı bozuk ve kullanılamıyor. Bağlantının tamamını kullan.',
  descriptionUnreadable: 'Açıklamanın şifresi bu bağlantıyla çözülemiyor. Bağlantının tamamını iste.',

  inboxTitle: 'İsteğinin gelen kutusu',
  inboxUnknown:
    'Bu gelen kutusu bilinmiyor: bağlantı yanlış ya da isteğin üzerinden o kadar zaman geçti ki ondan hiçbir şey kalmadı.',
  waitingBody: 'Henüz kimse yanıtlamadı. Bu sayfa birkaç saniyede bir yeniden kontrol eder.',
  answeredBody: 'Bir yanıt geldi. Onu bir kez okuyabilirsin: göstermek onu sunucudan siler.',
  answerFiles_one: 'Bir dosya içeriyor.',
  answerFiles_other: '{n} dosya içeriyor.',
  answerPassphrase: 'Bir parolayla korunuyor. Parolayı yanıtlayan kişiye sor.',
  revealButton: 'Yanıtı göster',
  readBody: 'Yanıt okundu. Artık sunucuda yok.',
  expiredBody: 'Bu istek, bir yanıt okunmadan sona erdi.',
  burnedBody: 'Bu istek yakıldı.',
  burnRequest: 'Bu isteği yak',
  burnConfirm:
    'Bu istek şimdi yakılsın mı? Artık kimse yanıtlayamaz ve henüz okunmamış bir yanıt yok edilir.',
  burnedNow: 'İstek yakıldı.',

  receiptTitle: 'İstek makbuzu',
  receiptIntro: 'İsteğinin durumu. Makbuz yanıtı asla göstermez.',
  receiptUnknown: 'Bu makbuz bilinmiyor ya da ait olduğu isteğin üzerinden çok zaman geçti.',
  stateLabel: 'Durum',
  state_waiting: 'Yanıt bekliyor',
  state_answered: 'Yanıtlandı, henüz okunmadı',
  state_read: 'Okundu',
  state_expired: 'Süresi doldu',
  state_burned: 'Yakıldı',
  createdAt: 'İstenme',
  expiresAt: 'Yanıt beklenecek son tarih',
  answeredAt: 'Yanıtlanma',
  readAt: 'Okunma',
  endedAt: 'Bitiş',
  refreshing: 'İstek açıkken bu sayfa birkaç saniyede bir yeniden kontrol eder.',
};

export default tr;
