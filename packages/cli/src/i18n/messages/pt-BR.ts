import type { CliMessages } from './en.js';

/** Português (Brasil). */
export const ptBR: CliMessages = {
  help: `Uso: burnlink COMANDO [opções]

Links secretos de uso único, criptografados de ponta a ponta. Os segredos são criptografados nesta máquina;
o servidor nunca vê a chave (ela fica no #fragmento do link, que nunca é enviado).

Comandos:
  send [TEXTO]           criptografa e envia um segredo (TEXTO, stdin ou uma pergunta; --file CAMINHO anexa
                         arquivos); mostra o link dele
  get LINK               abre um link uma vez; mostra o segredo (--output DIR salva os arquivos dele)
  request [DESCRIÇÃO]    pede um segredo a alguém: mostra o link de pedido para enviar à pessoa (o link da
                         caixa de entrada, para ler a resposta com get, vai para o stderr)
  respond LINK_PEDIDO    responde a um pedido com um segredo do stdin (--file CAMINHO anexa arquivos)
  status LINK_COMPROV    o que aconteceu com um segredo que você enviou
  burn LINK_COMPROV|ID   destrói agora um segredo que você enviou (pelo ID ou link secreto, com uma chave
                         de API)
  list                   os segredos da sua organização (--scope own|team|org); exige uma chave de API
  login                  guarda uma chave de API para um servidor (digitada oculta, ou pelo stdin); logout
                         a apaga
  generate               mostra uma senha aleatória
  serve                  executa o servidor burnlink
  admin COMANDO          administra contas nos armazenamentos do servidor: create-org, invite, create-key,
                         list-keys, revoke-key, audit (veja: burnlink admin --help)

\`burnlink COMANDO --help\` mostra as opções de um comando.

Ambiente:
  BURNLINK_URL           servidor para send, status, burn e list (padrão: o servidor do burnlink login,
                         senão http://127.0.0.1:8080)
  BURNLINK_API_KEY       chave de API (bl_…) enviada a esse servidor: os segredos que você envia pertencem à
                         organização dela; list e burn por ID precisam dela (ou o burnlink login guarda uma)
  BURNLINK_PASSPHRASE    frase de acesso quando não há terminal para perguntar (send --passphrase, get)

Códigos de saída:
  0 ok · 1 erro inesperado · 2 uso ou entrada inválidos · 3 segredo desconhecido, expirado ou já usado
  4 frase de acesso incorreta · 5 bloqueado (destruído após frases de acesso incorretas demais)
  6 servidor inacessível · 7 erro do servidor · 8 solicitações demais
  9 frase de acesso obrigatória, mas indisponível · 10 não foi possível gravar um arquivo em --output
  11 sem chave de API, ou o servidor a recusou (401) · 12 a chave de API não tem a permissão ou o alcance
  (403) · 13 recusado pelas restrições do segredo (horário comercial, rede, país)
  14 verificação do destinatário necessária ou código incorreto
  15 o pedido ainda não tem resposta (get LINK_CAIXA) · 130 cancelado (Ctrl-C)

Opções:
  -h, --help             mostra esta ajuda
  -v, --version          mostra a versão
`,

  unknownCommand: 'comando desconhecido{name}',
  unknownCommandLinkHint: '; para abrir um link: burnlink get LINK',
  unknownCommandHelpHint: ' (veja: burnlink --help)',
  cancelled: 'cancelado',
  unexpected: 'erro inesperado ({kind}); por favor, informe-o',

  promptSecret: 'Segredo (oculto): ',
  promptPassphrase: 'Frase de acesso: ',
  promptPassphraseAgain: 'Frase de acesso (de novo): ',
  promptApiKey: 'Chave de API (oculta): ',
  promptSendCode: 'Enviar o código? [1]: ',
  promptAddress: 'Seu endereço [1-{count}]: ',
  promptCode: 'Código de verificação: ',
  emptySecret: 'o segredo está vazio',
  emptyPassphrase: 'a frase de acesso está vazia',
  passphrasesDiffer: 'as duas frases de acesso são diferentes',

  sentPassword: 'Senha (exibida uma vez): {password}',
  sentReceipt: 'Comprovante: {link}',
  sentExpires: 'Expira: {at} ({relative})',
  burned: 'Destruído: o link não funciona mais.',
  noSecrets: 'Nenhum segredo.',
  notLoggedIn: 'Não conectado: nenhuma chave guardada.',

  hintNotAuthenticated: ' (defina BURNLINK_API_KEY com uma chave válida ou execute: burnlink login)',
  hintForbidden: ' (peça a um administrador uma chave com essa permissão)',
  fail_not_found: 'segredo desconhecido: nunca existiu, expirou ou já foi visualizado ou destruído',
  fail_wrong_passphrase:
    'frase de acesso incorreta; tentativas restantes antes de o segredo ser destruído: {n}',
  fail_locked: 'frase de acesso incorreta, e essa era a última tentativa: o segredo foi destruído',
  fail_passphrase_required:
    'este segredo está protegido por uma frase de acesso; nenhuma foi informada (nada foi gasto)',
  fail_rate_limited: 'solicitações demais: tente de novo mais tarde',
  fail_invalid_request: 'o servidor recusou a solicitação ({code})',
  fail_bad_link: 'não é um link válido do burnlink',
  fail_decrypt_failed:
    'não foi possível descriptografar o segredo com este link: ele está danificado ou incompleto',
  fail_network: 'não foi possível acessar o servidor',
  fail_server: 'o servidor falhou ou respondeu algo inesperado',
  fail_cancelled: 'cancelado',
  fail_restricted: 'as restrições do segredo recusaram esta tentativa ({code}); nada foi gasto',
  fail_verification_required: 'este segredo só abre para um destinatário verificado (nada foi gasto)',
  fail_verification_code_invalid:
    'o código de verificação está incorreto, já foi usado ou expirou (nada foi gasto)',
  fail_request_not_found: 'pedido desconhecido: já foi respondido, destruído ou expirou, ou nunca existiu',
  fail_request_answered: 'este pedido já foi respondido: ele aceita só uma resposta',
};

export default ptBR;
