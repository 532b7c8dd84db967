import type { RestrictionMessages } from './en.js';

/** 日本語（丁寧体）。 */
export const ja: RestrictionMessages = {
  intro:
    'シークレットが開かれる前に、サーバーがこれらの条件を確認します。拒否された試行では何も消費されません。使わない項目は空欄のままにしてください。',
  recipientsLabel: '受信者のメールアドレス',
  recipientsHint:
    '受信者はリンクのページで自分のアドレスを選び、メールで届く 6 桁のコードを入力します。1 行に 1 つ、またはカンマ区切りで、最大 {max} 件です。サーバーはシークレットがなくなるまでの間だけアドレスを保持します。',
  recipientsRequired: '組織の設定で必須です。アドレスを 1 つ以上入力してください。',
  recipientsDomains: '組織で許可されているアドレスのドメイン: {domains}',
  verificationUnavailable:
    '組織の設定で受信者の確認が必須ですが、このサーバーはメールを送信できません。運営者に問い合わせてください。',
  networksLabel: '許可するネットワーク',
  networksHint:
    'シークレットはこれらのアドレスからのみ開けます。203.0.113.0/24 や 2001:db8::/32 のような IPv4 または IPv6 の範囲を、1 行に 1 つ、またはカンマ区切りで入力してください。',
  networksPolicy:
    '組織の設定で次のネットワークが必須です: {cidrs}。さらに絞り込むことができます。空欄の場合はそのまま適用されます。',
  hoursToggle: '業務時間内のみ',
  hoursDays: '曜日',
  hoursStart: '開始',
  hoursEnd: '終了',
  hoursZone: 'タイムゾーン',
  hoursHint:
    '受信者のタイムゾーンにかかわらず、ここで選んだタイムゾーンで判断します。終了を 00:00 にすると深夜 0 時までです。',
  hoursFixed: '組織の設定で業務時間が指定されています: {days}、{start}–{end}（{zone}）',
  countriesLabel: '許可する国',
  countriesHint:
    'NL、SE、DE のような 2 文字の国コードを、カンマまたはスペースで区切って入力してください。サーバーは位置情報データベースで接続元の国を判定しますが、VPN 経由の場合などは誤ることがあります。',
  countriesNamed: '許可: {names}',
  countriesPolicy:
    '組織で許可されているのは次の国のみです: {codes}。さらに絞り込むことができます。空欄の場合はそのまま適用されます。',
  policyDefault: '組織の既定値が入力されています。変更できます。',
  passphraseRequired: '組織の設定でパスフレーズが必須です。',
  passphraseMin: '組織の設定で {n} 文字以上のパスフレーズが必須です。',

  errEmail: '「{value}」はメールアドレスではありません。',
  errTooMany: '入力が多すぎます（{count} 件、上限 {max} 件）。',
  errDomain: '「{value}」は組織で許可されているドメイン（{domains}）のアドレスではありません。',
  errCidr:
    '「{value}」はネットワークではありません。192.168.1.0/24 のように、アドレスとプレフィックス長を入力してください。',
  errCidrPolicy: '{value} は組織で許可されているネットワークの範囲外です。',
  errDays: '業務時間の曜日を 1 つ以上選んでください。',
  errTime: '業務時間は 09:00 のように時と分で入力してください。',
  errOrder: '業務時間の終了は開始より後にしてください（深夜 0 時をまたぐことはできません）。',
  errZone: '「{value}」はタイムゾーンではありません。Asia/Tokyo のような名前を使ってください。',
  errCountry: '「{value}」は 2 文字の国コードではありません。',
  errCountryPolicy: '{value} は組織で許可されている国に含まれていません。',

  failInvalid:
    'サーバーが制限を受け付けませんでした。アドレス、ネットワーク、業務時間、国を確認してください。',
  failUnavailable:
    'このサーバーはこれらの制限のいずれかを適用できません。メールサーバー（受信者の確認用）か位置情報データベース（国の制限用）がありません。その制限を外して、もう一度お試しください。',
  failPolicy: '組織のルールにより、このシークレットは作成できません: {rule}',
  rule_members_only: '現在のメンバーのみがシークレットを作成できます。',
  rule_max_ttl: '有効期間が上限を超えています。',
  rule_max_views: '閲覧回数が上限を超えています。',
  rule_passphrase_required: 'パスフレーズが必須です。',
  rule_passphrase_min_length: 'パスフレーズが短すぎます。',
  rule_verification_required: '受信者の確認が必須です。',
  rule_recipient_domains: '許可されていないドメインの受信者アドレスがあります。',
  rule_networks: 'ネットワークが許可された範囲を超えています。',
  rule_countries: '国が許可された範囲を超えています。',
  rule_office_hours: '業務時間が指定されたものと異なります。',
  rule_server_encryption: 'シークレットはブラウザー内で暗号化する必要があります。',
  rule_unknown: 'ルール「{rule}」。',

  noteNetwork: 'このリンクは特定のネットワークからのみ開けます。',
  noteHours: 'このリンクは特定の時間帯にのみ開けます。',
  noteCountry: 'このリンクは特定の国からのみ開けます。',
  verifyLegend: 'メールアドレスの確認',
  verifyIntro:
    '送信者が受信者の確認を求めています。ご自分のアドレスを選ぶと、6 桁のコードがメールで届きます。',
  verifyPick: 'あなたのメールアドレス',
  sendCode: 'コードを送信',
  sendNewCode: '新しいコードを送信',
  sendingCode: '送信しています…',
  codeSent: '{to} にコードを送信しました。{time} まで有効です。',
  codeLabel: '6 桁のコード',
  codeHint:
    'メールに記載されています。数分たっても届かない場合は、迷惑メールフォルダーを確認するか、新しいコードを送信してください。',
  errPick: '先にメールアドレスを選んでください。',
  errCodeFormat: 'メールに記載された 6 桁のコードを入力してください。',
  errSendFirst: '先にメールアドレスにコードを送信してから、ここに入力してください。',
  codeWrong_other: 'コードが正しくありません。このコードはあと {n} 回試せます。',
  codeUsedUp:
    'このコードはもう使えません。誤入力が多すぎたか、使用済みか、期限切れです。新しいコードを送信してください。',
  codeLimit:
    'このシークレットについては、これ以上コードを送信できません。送信者に新しいリンクを依頼してください。',
  mailUnavailable: '現在メールを送信できません。数分後にもう一度お試しください。',
  verificationRequired:
    'このシークレットは、メールアドレスを確認した後にのみ開けます。アドレスを選び、コードを送信して入力してください。',
  outsideHours: 'このシークレットは送信者が指定した時間帯にのみ開けます。次に開けるのは {when} です。',
  outsideHoursLater: 'このシークレットは送信者が指定した時間帯にのみ開けます。現在は時間外です。',
  networkRefused:
    'このシークレットは、社内ネットワークや VPN など送信者が指定したネットワークからのみ開けます。現在の接続はそのいずれにも該当しません。',
  countryRefused: 'このシークレットは、現在接続している国からは開けません。',
  nothingUsed: '何も消費されていません。もう一度試すときもリンクは使えます。',
};

export default ja;
