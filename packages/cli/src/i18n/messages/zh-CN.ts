import type { CliMessages } from './en.js';

/** 简体中文（与 Web 应用用语一致）。 */
export const zhCN: CliMessages = {
  help: `用法：burnlink COMMAND [选项]

端到端加密的一次性机密链接。机密在本机上加密；服务器永远看不到密钥（密钥位于链接的 #片段 中，
该部分从不发送）。

命令：
  send [TEXT]            加密并上传一条机密（来自 TEXT、标准输入或提示输入；--file PATH 附加文件）；
                         输出其链接
  get LINK               打开一次链接；输出机密（--output DIR 保存其中的文件）
  request [DESCRIPTION]  向他人请求一条机密：输出要发给对方的请求链接（用于以 get 读取回复的收件箱链接
                         输出到标准错误）
  respond REQUEST_LINK   用标准输入中的机密回复请求（--file PATH 附加文件）
  status RECEIPT_LINK    查看您发送的机密的情况
  burn RECEIPT_LINK|ID   立即销毁您发送的机密（通过 ID 或机密链接时需要 API 密钥）
  list                   列出您组织的机密（--scope own|team|org）；需要 API 密钥
  login                  保存某个服务器的 API 密钥（隐藏输入，或从标准输入读取）；logout 将其删除
  generate               输出一个随机密码
  serve                  运行 burnlink 服务器
  admin COMMAND          管理服务器存储中的账户：create-org、invite、create-key、list-keys、
                         revoke-key、audit（参见：burnlink admin --help）

运行 \`burnlink COMMAND --help\` 查看某个命令的选项。

环境变量：
  BURNLINK_URL           send、status、burn 和 list 使用的服务器（默认：burnlink login 的服务器，
                         否则为 http://127.0.0.1:8080）
  BURNLINK_API_KEY       发送给该服务器的 API 密钥（bl_…）：您发送的机密归属其组织；list 以及按 ID
                         burn 时需要它（也可以改用 burnlink login 保存一个）
  BURNLINK_PASSPHRASE    没有可供询问的终端时使用的口令（send --passphrase、get）

退出码：
  0 成功 · 1 意外错误 · 2 用法或输入错误 · 3 机密未知、已过期或已被使用 · 4 口令错误
  5 已锁定（口令错误次数过多而被销毁） · 6 无法连接服务器 · 7 服务器错误 · 8 请求过于频繁
  9 需要口令但无法获取 · 10 无法将文件写入 --output · 11 没有 API 密钥，或服务器拒绝了它（401）
  12 API 密钥缺少所需权限或范围（403） · 13 被机密的限制拒绝（办公时间、网络、国家/地区）
  14 需要验证收件人，或验证码错误 · 15 请求尚无回复（get INBOX_LINK）
  130 已取消（Ctrl-C）

选项：
  -h, --help             显示此帮助
  -v, --version          输出版本号
`,

  unknownCommand: '未知命令{name}',
  unknownCommandLinkHint: '；要打开链接，请运行：burnlink get LINK',
  unknownCommandHelpHint: '（参见：burnlink --help）',
  cancelled: '已取消',
  unexpected: '意外错误（{kind}）；请报告此问题',

  promptSecret: '机密（隐藏输入）：',
  promptPassphrase: '口令：',
  promptPassphraseAgain: '口令（再次输入）：',
  promptApiKey: 'API 密钥（隐藏输入）：',
  promptSendCode: '发送验证码？[1]：',
  promptAddress: '您的地址 [1-{count}]：',
  promptCode: '验证码：',
  emptySecret: '机密为空',
  emptyPassphrase: '口令为空',
  passphrasesDiffer: '两次输入的口令不一致',

  sentPassword: '密码（仅显示一次）：{password}',
  sentReceipt: '回执：{link}',
  sentExpires: '到期时间：{at}（{relative}）',
  burned: '已销毁：该链接已失效。',
  noSecrets: '没有机密。',
  notLoggedIn: '未登录：没有已保存的密钥。',

  hintNotAuthenticated: '（请将 BURNLINK_API_KEY 设为有效的密钥，或运行：burnlink login）',
  hintForbidden: '（请向管理员索取具有该权限的密钥）',
  fail_not_found: '未知的机密：它从未存在、已过期，或已被查看或销毁',
  fail_wrong_passphrase: '口令错误；机密被销毁前剩余的尝试次数：{n}',
  fail_locked: '口令错误，且这是最后一次尝试：机密已被销毁',
  fail_passphrase_required: '此机密受口令保护，但未提供口令（未消耗任何次数）',
  fail_rate_limited: '请求过于频繁：请稍后重试',
  fail_invalid_request: '服务器拒绝了请求（{code}）',
  fail_bad_link: '不是有效的 burnlink 链接',
  fail_decrypt_failed: '无法用此链接解密机密：链接已损坏或不完整',
  fail_network: '无法连接服务器',
  fail_server: '服务器出错或返回了意外的响应',
  fail_cancelled: '已取消',
  fail_restricted: '机密的限制拒绝了此次尝试（{code}）；未消耗任何次数',
  fail_verification_required: '此机密只对已验证的收件人开放（未消耗任何次数）',
  fail_verification_code_invalid: '验证码错误、已使用或已过期（未消耗任何次数）',
  fail_request_not_found: '未知的请求：它已被回复、销毁或已过期，或从未存在',
  fail_request_answered: '此请求已被回复：它只接受一次回复',
};

export default zhCN;
