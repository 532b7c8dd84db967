import type { CliMessages } from './en.js';

/** Türkçe (samimi "sen" hitabıyla, web uygulaması gibi). */
export const tr: CliMessages = {
  help: `Kullanım: burnlink KOMUT [seçenekler]

Tek kullanımlık, uçtan uca şifrelenmiş sır bağlantıları. Sırlar bu makinede şifrelenir; sunucu anahtarı
asla görmez (anahtar, bağlantının hiç gönderilmeyen #parçasında durur).

Komutlar:
  send [METİN]           bir sırrı şifreleyip yükler (METİN, stdin ya da istem; --file YOL dosya ekler);
                         bağlantısını yazdırır
  get BAĞLANTI           bir bağlantıyı bir kez açar; sırrı yazdırır (--output DİZİN dosyalarını kaydeder)
  request [AÇIKLAMA]     birinden bir sır ister: gönderilecek istek bağlantısını yazdırır (yanıtı get ile
                         okumaya yarayan gelen kutusu bağlantısı stderr’e gider)
  respond İSTEK_BAĞL.    bir isteği stdin’den gelen bir sırla yanıtlar (--file YOL dosya ekler)
  status MAKBUZ_BAĞL.    gönderdiğin bir sırra ne olduğunu gösterir
  burn MAKBUZ_BAĞL.|ID   gönderdiğin bir sırrı hemen yok eder (ID’si ya da sır bağlantısıyla, API
                         anahtarı gerekir)
  list                   kuruluşunun sırları (--scope own|team|org); API anahtarı gerekir
  login                  bir sunucu için API anahtarı saklar (gizli okunur ya da stdin’den); logout onu siler
  generate               rastgele bir şifre yazdırır
  serve                  burnlink sunucusunu çalıştırır
  admin KOMUT            sunucunun depolarındaki hesapları yönetir: create-org, invite, create-key,
                         list-keys, revoke-key, audit (bkz. burnlink admin --help)

Bir komutun seçenekleri için \`burnlink KOMUT --help\` çalıştır.

Ortam değişkenleri:
  BURNLINK_URL           send, status, burn ve list için sunucu (varsayılan: burnlink login sunucusu, yoksa
                         http://127.0.0.1:8080)
  BURNLINK_API_KEY       o sunucuya gönderilen API anahtarı (bl_…): gönderdiğin sırlar onun kuruluşuna ait
                         olur; list ve ID ile burn için gerekir (burnlink login bunun yerine bir tane saklar)
  BURNLINK_PASSPHRASE    sorulacak bir terminal yokken parola (send --passphrase, get)

Çıkış kodları:
  0 tamam · 1 beklenmeyen hata · 2 hatalı kullanım ya da girdi · 3 bilinmeyen, süresi dolmuş ya da
  kullanılmış sır · 4 yanlış parola · 5 kilitlendi (çok fazla yanlış paroladan sonra yakıldı)
  6 sunucuya ulaşılamıyor · 7 sunucu hatası · 8 istek sınırı aşıldı · 9 parola gerekli ama yok
  10 bir dosya --output dizinine yazılamadı · 11 API anahtarı yok ya da sunucu reddetti (401)
  12 API anahtarının yetkisi ya da kapsamı yetmiyor (403) · 13 sırrın kısıtlamaları reddetti (mesai
  saatleri, ağ, ülke) · 14 alıcı doğrulaması gerekli ya da kod yanlıştı
  15 isteğin henüz yanıtı yok (get GELEN_KUTUSU_BAĞLANTISI) · 130 iptal edildi (Ctrl-C)

Seçenekler:
  -h, --help             bu yardımı gösterir
  -v, --version          sürümü yazdırır
`,

  unknownCommand: 'bilinmeyen komut{name}',
  unknownCommandLinkHint: '; bir bağlantıyı açmak için: burnlink get LINK',
  unknownCommandHelpHint: ' (bkz. burnlink --help)',
  cancelled: 'iptal edildi',
  unexpected: 'beklenmeyen hata ({kind}); lütfen bildir',

  promptSecret: 'Sır (gizli): ',
  promptPassphrase: 'Parola: ',
  promptPassphraseAgain: 'Parola (tekrar): ',
  promptApiKey: 'API anahtarı (gizli): ',
  promptSendCode: 'Kod gönderilsin mi? [1]: ',
  promptAddress: 'Adresin [1-{count}]: ',
  promptCode: 'Doğrulama kodu: ',
  emptySecret: 'sır boş',
  emptyPassphrase: 'parola boş',
  passphrasesDiffer: 'iki parola birbirinden farklı',

  sentPassword: 'Şifre (bir kez gösterilir): {password}',
  sentReceipt: 'Makbuz: {link}',
  sentExpires: 'Son geçerlilik: {at} ({relative})',
  burned: 'Yakıldı: bağlantı artık çalışmıyor.',
  noSecrets: 'Sır yok.',
  notLoggedIn: 'Giriş yapılmamış: saklanan anahtar yok.',

  hintNotAuthenticated:
    ' (BURNLINK_API_KEY değişkenine geçerli bir anahtar ata ya da şunu çalıştır: burnlink login)',
  hintForbidden: ' (bir yöneticiden bu kapsama sahip bir anahtar iste)',
  fail_not_found: 'bilinmeyen sır: hiç var olmadı, süresi doldu ya da zaten görüntülendi veya yakıldı',
  fail_wrong_passphrase: 'yanlış parola; sır yakılmadan önce kalan deneme: {n}',
  fail_locked: 'yanlış parola ve bu son denemeydi: sır yakıldı',
  fail_passphrase_required: 'bu sır bir parolayla korunuyor; parola verilmedi (hiçbir hak tüketilmedi)',
  fail_rate_limited: 'çok fazla istek: daha sonra tekrar dene',
  fail_invalid_request: 'sunucu isteği reddetti ({code})',
  fail_bad_link: 'geçerli bir burnlink bağlantısı değil',
  fail_decrypt_failed: 'sırrın şifresi bu bağlantıyla çözülemedi: bağlantı bozuk ya da eksik',
  fail_network: 'sunucuya ulaşılamıyor',
  fail_server: 'sunucu hata verdi ya da beklenmeyen bir yanıt döndü',
  fail_cancelled: 'iptal edildi',
  fail_restricted: 'sırrın kısıtlamaları bu denemeyi reddetti ({code}); hiçbir hak tüketilmedi',
  fail_verification_required: 'bu sır yalnızca doğrulanmış bir alıcı için açılır (hiçbir hak tüketilmedi)',
  fail_verification_code_invalid:
    'doğrulama kodu yanlış, kullanılmış ya da süresi dolmuş (hiçbir hak tüketilmedi)',
  fail_request_not_found: 'bilinmeyen istek: yanıtlandı, yakıldı, süresi doldu ya da hiç var olmadı',
  fail_request_answered: 'bu istek zaten yanıtlandı: yalnızca tek bir yanıt kabul eder',
};

export default tr;
