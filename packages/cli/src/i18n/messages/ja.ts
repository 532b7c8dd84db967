import type { CliMessages } from './en.js';

/** 日本語（丁寧体、Web アプリと同じ用語）。 */
export const ja: CliMessages = {
  help: `使い方: burnlink COMMAND [オプション]

エンドツーエンドで暗号化された、一度きりのシークレットリンク。シークレットはこのマシン上で暗号化され、
サーバーが鍵を見ることはありません（鍵はリンクの #フラグメント にあり、送信されません）。

コマンド:
  send [TEXT]            シークレットを暗号化してアップロードし、リンクを表示します（TEXT、標準入力、
                         またはプロンプトから入力。--file PATH でファイルを添付）
  get LINK               リンクを一度だけ開き、シークレットを表示します（--output DIR でファイルを保存）
  request [DESCRIPTION]  シークレットを依頼し、相手に送る依頼リンクを表示します（回答を get で読むための
                         受信箱リンクは標準エラー出力へ）
  respond REQUEST_LINK   標準入力のシークレットで依頼に回答します（--file PATH でファイルを添付）
  status RECEIPT_LINK    送信したシークレットの状況を表示します
  burn RECEIPT_LINK|ID   送信したシークレットを今すぐ破棄します（ID またはシークレットリンクの場合は
                         API キーが必要）
  list                   組織のシークレットを一覧表示します（--scope own|team|org）。API キーが必要です
  login                  サーバー用の API キーを保存します（非表示で入力、または標準入力から）。
                         logout で削除します
  generate               ランダムなパスワードを表示します
  serve                  burnlink サーバーを起動します
  admin COMMAND          サーバーのストアにあるアカウントを管理します: create-org、invite、create-key、
                         list-keys、revoke-key、audit（詳しくは burnlink admin --help）

各コマンドのオプションは \`burnlink COMMAND --help\` で確認できます。

環境変数:
  BURNLINK_URL           send、status、burn、list で使うサーバー（既定: burnlink login のサーバー、
                         なければ http://127.0.0.1:8080）
  BURNLINK_API_KEY       そのサーバーに送る API キー（bl_…）。送信したシークレットはキーの組織に属します。
                         list と ID による burn に必要です（代わりに burnlink login で保存もできます）
  BURNLINK_PASSPHRASE    入力を求める端末がない場合のパスフレーズ（send --passphrase、get）

終了コード:
  0 成功 · 1 予期しないエラー · 2 使い方または入力の誤り · 3 不明、期限切れ、または使用済みのシークレット
  4 パスフレーズの誤り · 5 ロック（パスフレーズの誤りが多すぎたため破棄） · 6 サーバーに接続できない
  7 サーバーエラー · 8 リクエスト数の制限 · 9 パスフレーズが必要だが指定されていない
  10 --output にファイルを書き込めなかった · 11 API キーがない、またはサーバーが拒否した（401）
  12 API キーの権限または範囲が足りない（403） · 13 シークレットの制限により拒否（業務時間、
  ネットワーク、国） · 14 受信者の確認が必要、またはコードが誤っている
  15 依頼にまだ回答がない（get INBOX_LINK）
  130 キャンセル（Ctrl-C）

オプション:
  -h, --help             このヘルプを表示します
  -v, --version          バージョンを表示します
`,

  unknownCommand: '不明なコマンドです{name}',
  unknownCommandLinkHint: '。リンクを開くには: burnlink get LINK',
  unknownCommandHelpHint: '（詳しくは burnlink --help）',
  cancelled: 'キャンセルしました',
  unexpected: '予期しないエラーが発生しました（{kind}）。報告をお願いします',

  promptSecret: 'シークレット（非表示）: ',
  promptPassphrase: 'パスフレーズ: ',
  promptPassphraseAgain: 'パスフレーズ（確認）: ',
  promptApiKey: 'API キー（非表示）: ',
  promptSendCode: 'コードを送信しますか？ [1]: ',
  promptAddress: 'あなたのアドレス [1-{count}]: ',
  promptCode: '確認コード: ',
  emptySecret: 'シークレットが空です',
  emptyPassphrase: 'パスフレーズが空です',
  passphrasesDiffer: '2 つのパスフレーズが一致しません',

  sentPassword: 'パスワード（表示は一度だけです）: {password}',
  sentReceipt: '控え: {link}',
  sentExpires: '有効期限: {at}（{relative}）',
  burned: '破棄しました。このリンクはもう使えません。',
  noSecrets: 'シークレットはありません。',
  notLoggedIn: 'ログインしていません。保存されたキーはありません。',

  hintNotAuthenticated: '（BURNLINK_API_KEY に有効なキーを設定するか、burnlink login を実行してください）',
  hintForbidden: '（その権限を持つキーを管理者に依頼してください）',
  fail_not_found: '不明なシークレットです。存在しないか、期限切れか、すでに閲覧または破棄されています',
  fail_wrong_passphrase: 'パスフレーズが違います。シークレットが破棄されるまでの残り試行回数: {n}',
  fail_locked: 'パスフレーズが違います。最後の試行だったため、シークレットは破棄されました',
  fail_passphrase_required:
    'このシークレットはパスフレーズで保護されていますが、指定されていません（何も消費されていません）',
  fail_rate_limited: 'リクエストが多すぎます。後でもう一度お試しください',
  fail_invalid_request: 'サーバーがリクエストを拒否しました（{code}）',
  fail_bad_link: '有効な burnlink のリンクではありません',
  fail_decrypt_failed: 'このリンクではシークレットを復号できませんでした。リンクが壊れているか不完全です',
  fail_network: 'サーバーに接続できません',
  fail_server: 'サーバーでエラーが発生したか、予期しない応答がありました',
  fail_cancelled: 'キャンセルしました',
  fail_restricted: 'シークレットの制限により、この試行は拒否されました（{code}）。何も消費されていません',
  fail_verification_required: 'このシークレットは確認済みの受信者のみが開けます（何も消費されていません）',
  fail_verification_code_invalid:
    '確認コードが誤っているか、使用済みか、期限切れです（何も消費されていません）',
  fail_request_not_found: '不明な依頼です。回答済み、破棄済み、期限切れか、存在しません',
  fail_request_answered: 'この依頼にはすでに回答があります。回答できるのは 1 回だけです',
};

export default ja;
