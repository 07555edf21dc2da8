# Português do Brasil (você): the host console's messages, translated from
# console/en.ftl. Needs a native speaker's review (see README "Languages and branding").
# Placeholders ({ $name }) are kept as in English; setting names, CSV column names, role
# and value names of the CSV and error codes are placeholders and stay untranslated.
# Messages for the script ("console-js-…") are handed to it by the page; a message with
# a plural ({ $count -> … }) is rendered once per plural category of pt (one covers 0 and 1).

## Layout (todas as páginas do console)

console-name = Console do anfitrião
# The browser tab's title: the page's title, then the console's name.
console-page-title = { $page } · Console do anfitrião
console-skip = Pular para o conteúdo
# Who is signed in: their email address (or ID) and their organization.
console-who = { $who } · { $org }
console-who-read-only = { $who } · { $org } · somente leitura
console-sign-out = Sair
console-language-picker = Idioma
console-tabs-label = Sala
console-tab-room = Sala
console-tab-invites = Convites
console-tab-participants = Participantes
console-tab-dashboard = Painel
console-pager-label = Páginas
console-pager-first = ← Primeira página
console-pager-next = Próxima página →
# A table cell without a value.
console-none = —

## Valores mostrados em tabelas e listas

console-room-status-scheduled = agendada
console-room-status-live = ao vivo
console-role-viewer = espectador
console-role-speaker = palestrante
console-role-moderator = moderador
console-invite-status-active = ativo
console-invite-status-used = usado
console-invite-status-expired = expirado
console-invite-status-revoked = revogado
console-invite-status-locked = bloqueado
console-delivery-sent = enviado
console-delivery-queued = na fila
console-delivery-pending = pendente
console-delivery-not-sent = não enviado
console-delivery-failed = falhou
console-delivery-delivered = entregue
console-delivery-bounced = devolvido
console-delivery-complained = marcado como spam
console-admission-admitted = admitido
console-admission-waiting = aguardando
console-admission-denied = recusado
# Completes "Os convidados confirmam o endereço" (console-field-verify).
console-verify-email = digitando-o
console-verify-code = com um código enviado a ele
console-verify-sso = pelo login da organização
# Completes "Um moderador aprova" (console-field-approval).
console-approval-none = ninguém
console-approval-shared-links = pessoas com links compartilhados
console-approval-everyone = todos

## Erros (a página de erro, as notas de erro dos formulários e as mensagens de parada do script)

console-error-title-unauthorized = Faça login
console-error-title-forbidden = Ação não permitida
console-error-title-not-found = Não encontrado
console-error-title-link-used = Este link de acesso já foi usado
console-error-title-other = Algo deu errado
console-error-unauthorized = Sua sessão no console terminou ou não existe. Faça login de novo.
console-error-forbidden = Seu login não permite isso, ou o formulário veio de outro site. Alterações exigem a permissão de escrita e um formulário deste console.
console-error-link-used = Um link de acesso ao console funciona uma vez. Reinicie o modo local para obter um novo ou entre com seu provedor de identidade.
console-error-not-found = Essa página não existe.
console-error-room-not-found = Essa sala não existe na sua organização.
console-error-invite-not-found = Esse convite não existe nesta sala.
console-error-participant-not-found = Esse participante não existe nesta sala.
console-error-invalid-email = Esse não é um endereço de e-mail válido.
console-error-domain-blocked = Endereços de e-mail deste domínio estão bloqueados pela política da sua organização.
console-error-invalid-expiry = A validade do link deve terminar no futuro e em no máximo 30 dias.
console-error-invite-limit-reached = Esta sala já tem tantos convites quanto sua organização permite.
console-error-payload-too-large = São dados demais para uma única solicitação.
console-error-sso-failed = O login não foi concluído. Comece de novo.
console-error-identity-provider-unavailable = Não é possível acessar seu provedor de identidade agora. Tente de novo daqui a pouco.
console-error-too-many-requests = Solicitações demais. Aguarde um momento e tente de novo.
console-error-service-unavailable = O serviço está sobrecarregado ou indisponível por um instante. Tente de novo daqui a pouco.
console-error-internal = Algo deu errado do nosso lado. Tente de novo.
console-error-other = Não foi possível concluir a solicitação.
# { $code } is the error's code (such as forbidden), shown as code.
console-error-code = Código do erro: { $code }
console-error-back = Voltar ao console
# A form's error note: the reason, then the error's code.
console-error-with-code = { $message } ({ $code })
console-error-reminders = Os lembretes são minutos antes do início, separados por vírgulas.
console-error-uses = O número de usos deve ser um número inteiro.
# { $detail } is the technical reason (in English).
console-error-check-form = Confira o formulário: { $detail }.
console-error-invalid-invite = O convite não é válido: { $detail }.

## Páginas de login e de saída

console-sign-in-title = Entrar
console-sign-in-heading = Entrar no console do anfitrião
console-sign-in-local = No modo local, abra o link de acesso de uso único que o serviço exibiu ao iniciar.
# Followed by the list of the two settings' names.
console-sign-in-provider = Para usar o provedor de identidade da sua organização, defina estas configurações do serviço:
# { $setting } is the setting's name (HOST_OIDC_CLIENT_SECRET).
console-sign-in-secret = Se o seu provedor fornecer um segredo ao console, defina também { $setting }.
console-signed-in-title = Sessão iniciada
console-signed-in-continue = Continuar para o console
console-signed-out-title = Sessão encerrada
console-signed-out-heading = Você saiu
console-sign-in-again = Entrar de novo

## A lista de salas

console-rooms-title = Salas
console-rooms-empty = Nenhuma sala ainda.
console-rooms-caption = Salas da sua organização
console-col-title = Título
console-col-starts = Início
console-col-status = Status
console-new-room = Nova sala
console-create-room = Criar sala

## A página da sala e o formulário da sala

# { $time } is the start (date and time), { $status } the room's status.
console-room-starts = Início: { $time } · { $status }
console-edit-room = Editar a sala
console-save = Salvar alterações
console-saved = Alterações salvas.
console-delete-link = Excluir esta sala…
console-field-title = Título
console-field-description = Descrição
console-field-starts = Início (UTC)
console-field-ends = Término (UTC, opcional)
console-field-speakers = Palestrantes
# Keep the | between the two parts.
console-field-speakers-hint = Um por linha: Nome | Cargo
console-field-attachments = Anexos
# Keep the | between the two parts.
console-field-attachments-hint = Um por linha: Nome | https://link
console-field-reminders = Lembretes (minutos antes do início)
console-field-verify = Os convidados confirmam o endereço
console-field-approval = Um moderador aprova
console-fact-ends = Término
console-fact-reminders = Lembretes
# { $minutes } is the list of minutes (1440, 15).
console-fact-reminders-minutes = Minutos antes do início: { $minutes }
console-fact-no-reminders = Sem lembretes
# A speaker with a title.
console-speaker-with-title = { $name } ({ $title })

## Convidar uma pessoa (na página da sala)

console-invite-one = Convidar uma pessoa
console-field-email = Endereço de e-mail
console-field-role = Função
console-field-uses = Usos (vazio: ilimitado)
console-field-link-expires = Validade do link (UTC, opcional)
console-field-send-email = Enviar o convite por e-mail (senão, copie você mesmo o link)
console-invite = Convidar
console-invited = Convite criado para { $email } como { $role ->
    [speaker] palestrante
    [moderator] moderador
   *[viewer] espectador
}.
console-new-link = Link da pessoa (exibido só uma vez)
console-copy-link = Copiar link

## A importação (na página da sala)

console-import-heading = Importar convidados
# The column names ({ $email }, { $role }, …), role values and example dates are shown as
# code and stay as they are.
console-import-hint = Um arquivo CSV ou uma lista colada, com até { $max } linhas. Colunas: { $email }, { $role } ({ $viewer }, { $speaker } ou { $moderator }) e, opcionalmente, { $uses }, { $expiry } (uma data como { $date } ou um horário como { $time }) e { $locale }. Uma primeira linha com os nomes das colunas é reconhecida.
console-import-noscript = A importação precisa de JavaScript; sem ele, convide as pessoas uma por uma no formulário acima.
console-import-file = Arquivo CSV
console-import-paste = Ou cole a lista
console-import-send = Enviar os convites por e-mail
console-import-check = Verificar as linhas
console-import-start = Enviar
console-import-progress = Progresso da importação
console-import-rejected = Baixar as linhas rejeitadas (CSV)

## O script da importação (textos que o navegador mostra ao verificar e enviar)

console-js-resume-note = { $total ->
    [one] Uma importação parou após { $done } de { $total } linha. Escolha o mesmo arquivo (ou cole a mesma lista) e verifique de novo para retomar; linhas já enviadas não são enviadas duas vezes.
   *[other] Uma importação parou após { $done } de { $total } linhas. Escolha o mesmo arquivo (ou cole a mesma lista) e verifique de novo para retomar; linhas já enviadas não são enviadas duas vezes.
}
console-js-counts = { $rows ->
    [one] { $rows } linha: { $ready } sem problemas, { $bad } com problemas (não serão enviadas).
   *[other] { $rows } linhas: { $ready } sem problemas, { $bad } com problemas (não serão enviadas).
}
console-js-counts-header = { $rows ->
    [one] { $rows } linha (a primeira linha foi lida como nomes de colunas): { $ready } sem problemas, { $bad } com problemas (não serão enviadas).
   *[other] { $rows } linhas (a primeira linha foi lida como nomes de colunas): { $ready } sem problemas, { $bad } com problemas (não serão enviadas).
}
console-js-preview-caption = Primeiras linhas
console-js-preview-label = Prévia das linhas
console-js-col-row = Linha
console-js-col-email = E-mail
console-js-col-role = Função
console-js-col-check = Verificação
console-js-row-ok = ok
# A row's problem in the preview: the error code, then the sentence.
console-js-row-problem = { $code }: { $message }
console-js-too-many-rows = { $max ->
    [one] No máximo { $max } linha por importação.
   *[other] No máximo { $max } linhas por importação.
}
console-js-invalid-email = Não é um endereço de e-mail.
# { $viewer }, { $speaker }, { $moderator }: the role values of the file.
console-js-bad-role = A função deve ser { $viewer }, { $speaker } ou { $moderator }.
# { $column } is the column's name (uses).
console-js-bad-uses = A coluna { $column } deve ser um número inteiro a partir de 1.
console-js-bad-expiry = A coluna { $column } não é uma data.
console-js-bad-locale = A coluna { $column } não indica nenhum dos idiomas: { $languages }.
console-js-duplicate = Este endereço já está no arquivo.
console-js-resume-before = { $rows ->
    [one] Retomada: { $rows } linha já tinha sido enviada.
   *[other] Retomada: { $rows } linhas já tinham sido enviadas.
}
console-js-will-create = { $count ->
    [one] { $count } convite será criado.
   *[other] { $count } convites serão criados.
}
console-js-emails-go-out = { $count ->
    [one] { $count } e-mail será enviado.
   *[other] { $count } e-mails serão enviados.
}
console-js-no-emails = Nenhum e-mail será enviado.
console-js-send-emails = { $count ->
    [one] Enviar { $count } e-mail
   *[other] Enviar { $count } e-mails
}
console-js-resume-send-emails = { $count ->
    [one] Retomar e enviar { $count } e-mail
   *[other] Retomar e enviar { $count } e-mails
}
console-js-create-invitations = { $count ->
    [one] Criar { $count } convite
   *[other] Criar { $count } convites
}
console-js-progress = { $total ->
    [one] { $done } de { $total } linha concluída. Erros: { $errors }.
   *[other] { $done } de { $total } linhas concluídas. Erros: { $errors }.
}
console-js-time-left = { $seconds ->
    [one] Falta cerca de { $seconds } segundo.
   *[other] Faltam cerca de { $seconds } segundos.
}
# { $status } is the HTTP status code.
console-js-retry = Aguardando para tentar de novo (HTTP { $status })…
console-js-retry-offline = Sem conexão. Aguardando para tentar de novo…
console-js-import-stopped = A importação parou ({ $code }). Recarregue a página para retomar.
console-js-import-finished = Concluída. Convidados: { $invited }. Rejeitados: { $rejected }.
console-js-rejected-download = { $count ->
    [one] Baixar { $count } linha rejeitada (CSV)
   *[other] Baixar { $count } linhas rejeitadas (CSV)
}
console-js-copied = Copiado
# { $keys } is the keyboard shortcut (Ctrl+C).
console-js-copy-by-keys = Pressione { $keys } para copiar

## A página de convites

console-invites-title = Convites
console-invites-heading = Convites de { $title }
console-invites-filter-label = Filtrar os convites
console-filter-status = Status
console-filter-role = Função
console-filter-delivery = Entrega
console-filter-email = E-mail (exato)
console-filter-any = qualquer
console-filter = Filtrar
console-invites-download = Baixar estes convites (CSV)
console-bulk-label = Para cada convite que corresponde a estes filtros
console-bulk-resend = Reenviar o convite
console-bulk-revoke = Revogar o link
console-bulk-run = Aplicar a todos os correspondentes
console-bulk-progress = Progresso da ação em massa
console-invites-caption = Convites
console-col-email = E-mail
console-col-role = Função
console-col-delivery = Entrega
console-col-uses = Usos
console-col-created = Criado em
console-col-actions = Ações
# Uses so far of at most { $max }.
console-uses-of = { $uses } / { $max }
console-resend = Reenviar
console-revoke = Revogar
console-resend-to = Reenviar para { $email }
console-revoke-who = Revogar o convite de { $email }
console-invites-empty = Nenhum convite corresponde aos filtros.

## Uma ação em massa sem o script (uma página de 100 convites por envio do formulário)

console-bulk-title = Ação em massa
console-bulk-heading = { $action ->
    [revoke] Ação em massa: revogar os links
   *[resend] Ação em massa: reenviar os convites
}
console-bulk-page-result = { $done ->
    [one] { $done } convite processado; não foi possível processar { $failed } nesta página.
   *[other] { $done } convites processados; não foi possível processar { $failed } nesta página.
}
console-bulk-continue = Continuar com a próxima página
console-bulk-finished = Concluído.
console-back-to-invites = Voltar aos convites

## O script da ação em massa

console-js-bulk-progress = { $done ->
    [one] { $done } convite processado; não foi possível processar { $failed }…
   *[other] { $done } convites processados; não foi possível processar { $failed }…
}
console-js-bulk-finished = { $done ->
    [one] Concluído: { $done } convite processado; não foi possível processar { $failed }.
   *[other] Concluído: { $done } convites processados; não foi possível processar { $failed }.
}
console-js-bulk-stopped = Interrompido ({ $code }).

## A página de participantes

console-participants-title = Participantes
console-participants-heading = Participantes de { $title }
console-participants-filter-label = Filtrar os participantes
console-participants-download = Baixar estes participantes (CSV)
console-participants-caption = Participantes
console-col-admission = Admissão
console-col-joined = Entrou em
console-role-of = Função de { $email }
console-change-role = Alterar
console-participants-empty = Ninguém entrou ainda.

## O painel

console-dashboard-title = Painel
console-dashboard-heading = Painel de { $title }
console-dashboard-noscript = Recarregue a página para ver números atualizados.
console-funnel = Funil
console-funnel-invited = Convidados
console-funnel-delivered = Entregues
console-funnel-redeemed = Resgatados
console-funnel-in-room = Na sala
console-by-status = Convites por status
console-delivery = Entrega
console-by-role = Participantes por função
# { $count } is shown in bold.
console-joined = Participantes que entraram: { $count }
console-over-time = Resgates ao longo do tempo
# A chart's row for screen readers: the bar's name and its number.
console-chart-row = { $label }: { $count }.
console-no-redemptions = Nenhum resgate ainda.
console-redemptions-between = { $count ->
    [one] { $count } resgate entre { $first } e { $last }.
   *[other] { $count } resgates entre { $first } e { $last }.
}
# { $first } and { $last } are dates and times.
console-redemptions-shown = { $count ->
    [one] { $count } resgate exibido, de { $first } a { $last }.
   *[other] { $count } resgates exibidos, de { $first } a { $last }.
}

## Excluir uma sala

console-delete-title = Excluir sala
console-delete-heading = Excluir { $title }?
console-delete-count = { $count ->
    [one] { $count } pessoa vai receber um e-mail de cancelamento.
   *[other] { $count } pessoas vão receber um e-mail de cancelamento.
}
console-delete-warning = Os links dessas pessoas vão parar de funcionar. Não é possível desfazer esta ação.
console-delete-confirm = { $count ->
    [one] Excluir a sala e avisar { $count } pessoa
   *[other] Excluir a sala e avisar { $count } pessoas
}
console-keep = Manter a sala

## A identidade visual da organização

# The link in the console's bar.
console-branding-link = Identidade visual
console-branding-title = Identidade visual
console-branding-heading = A identidade visual da sua organização
console-branding-intro = Como os convidados veem a sua organização: nas páginas do evento, nas páginas de erro, em cada e-mail e no arquivo de calendário. Um campo vazio mantém a aparência própria do serviço.
console-branding-display-name = Nome de exibição
console-branding-display-name-hint = Exibido no topo das páginas e dos e-mails, e como organizador na agenda.
console-branding-accent = Cor de destaque
# The colour is written as #rrggbb (such as #0b5cad).
console-branding-accent-hint = A cor dos botões e links, no formato #rrggbb. O texto sobre ela é branco, então ela precisa ser escura o suficiente: um contraste de pelo menos 4.5:1.
console-branding-logo = Logotipo
console-branding-logo-alt = O logotipo atual da sua organização
console-branding-no-logo = Nenhum logotipo ainda.
console-branding-remove-logo = Remover o logotipo
console-branding-logo-file = Novo logotipo
console-branding-logo-hint = Uma imagem PNG, JPEG ou WebP de no máximo 200 KB. Deixe vazio para manter o logotipo atual.
console-branding-sender = Nome do remetente dos e-mails
console-branding-sender-hint = O nome que o programa de e-mail dos seus convidados mostra como remetente.
console-branding-reply-to = Endereço de resposta
console-branding-reply-to-hint = Para onde vão as respostas dos seus convidados.
console-branding-support = Texto de contato
console-branding-support-hint = Exibido em cada página de erro no lugar de “Fale com o organizador do evento”.
console-branding-read-only = Você pode ver a identidade visual; para alterá-la, é preciso ter a permissão de escrita.
