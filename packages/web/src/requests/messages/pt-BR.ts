import type { RequestMessages } from './en.js';

/** Português (Brasil). */
export const ptBR: RequestMessages = {
  requestTitle: 'Pedir um segredo',
  requestIntro:
    'Peça a alguém uma senha, uma chave ou um arquivo. A pessoa preenche o seu link de pedido; o que ela envia é criptografado no navegador dela, e só o seu link da caixa de entrada pode lê-lo, uma vez.',
  descriptionLabel: 'Do que você precisa?',
  descriptionHint:
    'A pessoa a quem você pede vê isto; o servidor não (é criptografado neste navegador). Não coloque o segredo em si aqui.',
  waitLabel: 'Quanto tempo esperar por uma resposta',
  answerWaitLabel: 'Quanto tempo a resposta pode esperar para ser lida',
  createButton: 'Criar o pedido',
  creating: 'Criando…',
  errEmpty: 'Primeiro diga do que você precisa.',
  errTooLong: 'A descrição é longa demais: {size} de no máximo {max}.',
  errNotAllowed: 'Sua organização não permite que você peça segredos.',

  readyTitle: 'Seu pedido está pronto',
  requestLinkLabel: 'Link do pedido: envie para a pessoa que tem o segredo',
  copyRequestLink: 'Copiar link do pedido',
  requestQr: 'Código QR do link do pedido',
  inboxLinkLabel: 'Link da caixa de entrada: guarde só para você',
  copyInboxLink: 'Copiar link da caixa de entrada',
  inboxWarning:
    'Guarde o link da caixa de entrada em um lugar seguro. Ele é a única forma de ler a resposta: ninguém pode recuperá-lo para você, nem o servidor. Não o envie a ninguém.',
  openInbox: 'Abrir a caixa de entrada',
  receiptLinkLabel: 'Link do comprovante: mostra se o pedido foi respondido e lido (nunca a resposta)',
  copyReceiptLink: 'Copiar link do comprovante',
  waitsUntil: 'O link do pedido funciona até {date}, para uma resposta.',
  requestAnother: 'Pedir outro segredo',

  respondTitle: 'Alguém está pedindo um segredo a você',
  askedFor: 'O que a pessoa pede',
  respondIntro:
    'O que você envia é criptografado neste navegador. Só quem pediu pode lê-lo, uma vez; depois ele some do servidor.',
  answerLabel: 'Seu segredo',
  answerKept: 'Se não for lida, sua resposta é excluída {time} depois do envio.',
  sendButton: 'Enviar o segredo',
  sending: 'Enviando…',
  errAnswerEmpty: 'Primeiro digite um segredo ou anexe um arquivo.',
  sentTitle: 'Enviado',
  sentBody: 'Enviado. Quem pediu pode lê-lo uma vez; depois ele some do servidor.',
  sentExpires: 'Se não for lido até {date}, ele é excluído sem ser lido.',
  requestGoneTitle: 'Este pedido está encerrado',
  requestGone:
    'Este pedido já foi respondido, destruído ou expirou, ou nunca existiu. Peça um novo a quem o enviou.',
  alreadyAnswered: 'Alguém já respondeu a este pedido, e ele aceita só uma resposta.',
  notSent: 'Nada seu foi enviado.',
  missingKey: 'Este link está incompleto: falta a parte depois do #. Use o link completo.',
  badLink: 'Este link está danificado e não pode ser usado. Use o link completo.',
  descriptionUnreadable: 'Não é possível descriptografar a descrição com este link. Peça o link completo.',

  inboxTitle: 'Caixa de entrada do seu pedido',
  inboxUnknown:
    'Esta caixa de entrada é desconhecida: o link está errado, ou o pedido acabou há tanto tempo que não sobrou nada dele.',
  waitingBody: 'Ninguém respondeu ainda. Esta página verifica de novo a cada poucos segundos.',
  answeredBody: 'Chegou uma resposta. Você pode lê-la uma vez: revelá-la a remove do servidor.',
  answerFiles_one: 'Ela tem {n} arquivo.',
  answerFiles_many: 'Ela tem {n} de arquivos.',
  answerFiles_other: 'Ela tem {n} arquivos.',
  answerPassphrase: 'Ela está protegida por uma frase de acesso. Peça-a a quem respondeu.',
  revealButton: 'Revelar a resposta',
  readBody: 'A resposta foi lida. Ela não está mais no servidor.',
  expiredBody: 'Este pedido terminou sem que uma resposta fosse lida.',
  burnedBody: 'Este pedido foi destruído.',
  burnRequest: 'Destruir este pedido',
  burnConfirm:
    'Destruir este pedido agora? Ninguém mais poderá respondê-lo, e uma resposta ainda não lida é destruída.',
  burnedNow: 'O pedido foi destruído.',

  receiptTitle: 'Comprovante do pedido',
  receiptIntro: 'Em que pé está o seu pedido. O comprovante nunca mostra a resposta.',
  receiptUnknown: 'Este comprovante é desconhecido, ou o pedido a que ele pertencia acabou há muito tempo.',
  stateLabel: 'Situação',
  state_waiting: 'Aguardando resposta',
  state_answered: 'Respondido, ainda não lido',
  state_read: 'Lido',
  state_expired: 'Expirado',
  state_burned: 'Destruído',
  createdAt: 'Pedido em',
  expiresAt: 'Aguarda resposta até',
  answeredAt: 'Respondido em',
  readAt: 'Lido em',
  endedAt: 'Encerrado em',
  refreshing: 'Enquanto o pedido estiver aberto, esta página verifica de novo a cada poucos segundos.',
};

export default ptBR;
