# Español (trato de usted): traducción de los mensajes de la consola del anfitrión.
# Needs a native speaker's review (see README). Los marcadores ({ $name }) se
# mantienen tal cual; los nombres de ajustes, de columnas CSV, los valores de rol del
# CSV y los códigos de error no se traducen.

## Estructura (todas las páginas de la consola)

console-name = Consola del anfitrión
# Título de la pestaña del navegador: el título de la página y luego el nombre de la consola.
console-page-title = { $page } · Consola del anfitrión
console-skip = Saltar al contenido
# Quién ha iniciado sesión: su dirección de correo (o ID) y su organización.
console-who = { $who } · { $org }
console-who-read-only = { $who } · { $org } · solo lectura
console-sign-out = Cerrar sesión
console-language-picker = Idioma
console-tabs-label = Sala
console-tab-room = Sala
console-tab-invites = Invitaciones
console-tab-participants = Participantes
console-tab-dashboard = Panel
console-pager-label = Páginas
console-pager-first = ← Primera página
console-pager-next = Página siguiente →
# Una celda de tabla sin valor.
console-none = —

## Valores de tablas y listas

console-room-status-scheduled = programada
console-room-status-live = en directo
console-role-viewer = espectador
console-role-speaker = ponente
console-role-moderator = moderador
console-invite-status-active = activa
console-invite-status-used = usada
console-invite-status-expired = caducada
console-invite-status-revoked = retirada
console-invite-status-locked = bloqueada
console-delivery-sent = enviado
console-delivery-queued = en cola
console-delivery-pending = pendiente
console-delivery-not-sent = no enviado
console-delivery-failed = fallido
console-delivery-delivered = entregado
console-delivery-bounced = rebotado
console-delivery-complained = marcado como no deseado
console-admission-admitted = admitido
console-admission-waiting = en espera
console-admission-denied = rechazado
console-verify-email = escribiéndola
console-verify-code = con un código enviado a ella
console-verify-sso = con el inicio de sesión de la organización
console-approval-none = nadie
console-approval-shared-links = las personas con enlaces compartidos
console-approval-everyone = todos

## Errores (la página de error, las notas de error de los formularios y los mensajes de parada del script)

console-error-title-unauthorized = Inicie sesión
console-error-title-forbidden = No permitido
console-error-title-not-found = No encontrado
console-error-title-link-used = Este enlace de inicio de sesión ya se ha usado
console-error-title-other = Algo ha fallado
console-error-unauthorized = Su sesión de la consola ha terminado o no existe. Vuelva a iniciar sesión.
console-error-forbidden = Su inicio de sesión no permite esto, o el formulario procede de otro sitio web. Para hacer cambios se necesita el permiso de escritura y un formulario de esta consola.
console-error-link-used = Un enlace de inicio de sesión de la consola funciona una sola vez. Reinicie el modo local para obtener uno nuevo o inicie sesión con su proveedor de identidad.
console-error-not-found = No existe esa página.
console-error-room-not-found = No existe esa sala en su organización.
console-error-invite-not-found = No existe esa invitación en esta sala.
console-error-participant-not-found = No existe ese participante en esta sala.
console-error-invalid-email = Esa no es una dirección de correo válida.
console-error-domain-blocked = Las direcciones de este dominio están bloqueadas por la política de su organización.
console-error-invalid-expiry = La caducidad del enlace debe ser futura y como máximo dentro de 30 días.
console-error-invite-limit-reached = Esta sala ya tiene tantas invitaciones como permite su organización.
console-error-payload-too-large = Son demasiados datos para una sola solicitud.
console-error-sso-failed = El inicio de sesión no se completó. Vuelva a empezar.
console-error-identity-provider-unavailable = No se puede acceder ahora a su proveedor de identidad. Inténtelo de nuevo enseguida.
console-error-too-many-requests = Demasiadas solicitudes. Espere un momento y vuelva a intentarlo.
console-error-service-unavailable = El servicio está saturado o no está disponible por un momento. Inténtelo de nuevo enseguida.
console-error-internal = Algo ha fallado por nuestra parte. Inténtelo de nuevo.
console-error-other = No se pudo completar la solicitud.
# { $code } es el código del error (como forbidden), mostrado como código.
console-error-code = Código de error: { $code }
console-error-back = Volver a la consola
# Nota de error de un formulario: el motivo y luego el código del error.
console-error-with-code = { $message } ({ $code })
console-error-reminders = Los recordatorios son minutos antes del inicio, separados por comas.
console-error-uses = Los usos deben ser un número entero.
# { $detail } es el motivo técnico (en inglés).
console-error-check-form = Revise el formulario: { $detail }.
console-error-invalid-invite = La invitación no es válida: { $detail }.

## Páginas de inicio y cierre de sesión

console-sign-in-title = Iniciar sesión
console-sign-in-heading = Iniciar sesión en la consola del anfitrión
console-sign-in-local = En modo local, abra el enlace de inicio de sesión de un solo uso que el servicio mostró al arrancar.
# Va seguido de la lista con los nombres de los dos ajustes.
console-sign-in-provider = Para usar el proveedor de identidad de su organización, configure estos ajustes del servicio:
# { $setting } es el nombre del ajuste (HOST_OIDC_CLIENT_SECRET).
console-sign-in-secret = Si su proveedor da un secreto a la consola, configure también { $setting }.
console-signed-in-title = Sesión iniciada
console-signed-in-continue = Ir a la consola
console-signed-out-title = Sesión cerrada
console-signed-out-heading = Ha cerrado la sesión
console-sign-in-again = Volver a iniciar sesión

## Lista de salas

console-rooms-title = Salas
console-rooms-empty = Aún no hay salas.
console-rooms-caption = Las salas de su organización
console-col-title = Título
console-col-starts = Inicio
console-col-status = Estado
console-new-room = Nueva sala
console-create-room = Crear sala

## Página y formulario de la sala

# { $time } es el inicio (fecha y hora), { $status } el estado de la sala.
console-room-starts = Empieza: { $time } · { $status }
console-edit-room = Editar la sala
console-save = Guardar cambios
console-saved = Cambios guardados.
console-delete-link = Eliminar esta sala…
console-field-title = Título
console-field-description = Descripción
console-field-starts = Inicio (UTC)
console-field-ends = Fin (UTC, opcional)
console-field-speakers = Ponentes
# Mantenga la | entre las dos partes.
console-field-speakers-hint = Uno por línea: Nombre | Cargo
console-field-attachments = Archivos adjuntos
# Mantenga la | entre las dos partes.
console-field-attachments-hint = Uno por línea: Nombre | https://enlace
console-field-reminders = Recordatorios (minutos antes del inicio)
console-field-verify = Los invitados confirman su dirección
console-field-approval = Requieren la aprobación de un moderador
console-fact-ends = Fin
console-fact-reminders = Recordatorios
# { $minutes } es la lista de minutos (1440, 15).
console-fact-reminders-minutes = Minutos antes del inicio: { $minutes }
console-fact-no-reminders = Sin recordatorios
# Un ponente con su cargo.
console-speaker-with-title = { $name } ({ $title })

## Invitar a una persona (en la página de la sala)

console-invite-one = Invitar a una persona
console-field-email = Dirección de correo electrónico
console-field-role = Rol
console-field-uses = Usos (vacío: ilimitados)
console-field-link-expires = Caducidad del enlace (UTC, opcional)
console-field-send-email = Enviar la invitación por correo (si no, copie usted el enlace)
console-invite = Invitar
console-invited = Se ha invitado a { $email } como { $role ->
    [speaker] ponente
    [moderator] moderador
   *[viewer] espectador
}.
console-new-link = Enlace de la persona invitada (se muestra una sola vez)
console-copy-link = Copiar enlace

## Importación (en la página de la sala)

console-import-heading = Importar invitados
# Los nombres de columna ({ $email }, { $role }, …), los valores de rol y las fechas de
# ejemplo se muestran como código y se quedan como están.
console-import-hint = Un archivo CSV o una lista pegada, de hasta { $max } filas. Columnas: { $email }, { $role } ({ $viewer }, { $speaker } o { $moderator }) y, opcionalmente, { $uses }, { $expiry } (una fecha como { $date } o una hora como { $time }) y { $locale }. Se reconoce una primera fila con los nombres de las columnas.
console-import-noscript = La importación necesita JavaScript; sin él, invite a las personas una a una en el formulario de arriba.
console-import-file = Archivo CSV
console-import-paste = O pegue la lista
console-import-send = Enviar las invitaciones por correo
console-import-check = Comprobar las filas
console-import-start = Enviar
console-import-progress = Progreso de la importación
console-import-rejected = Descargar las filas rechazadas (CSV)

## Script de la importación (textos que muestra el navegador al comprobar y enviar)

console-js-resume-note = { $total ->
    [one] Una importación se detuvo tras { $done } de { $total } fila. Elija el mismo archivo (o pegue la misma lista) y vuelva a comprobarlo para reanudarla; las filas ya enviadas no se envían dos veces.
   *[other] Una importación se detuvo tras { $done } de { $total } filas. Elija el mismo archivo (o pegue la misma lista) y vuelva a comprobarlo para reanudarla; las filas ya enviadas no se envían dos veces.
}
console-js-counts = { $rows ->
    [one] { $rows } fila. Listas: { $ready }. Con problemas (no se enviarán): { $bad }.
   *[other] { $rows } filas. Listas: { $ready }. Con problemas (no se enviarán): { $bad }.
}
console-js-counts-header = { $rows ->
    [one] { $rows } fila (la primera se ha leído como nombres de columna). Listas: { $ready }. Con problemas (no se enviarán): { $bad }.
   *[other] { $rows } filas (la primera se ha leído como nombres de columna). Listas: { $ready }. Con problemas (no se enviarán): { $bad }.
}
console-js-preview-caption = Primeras filas
console-js-preview-label = Vista previa de las filas
console-js-col-row = Fila
console-js-col-email = Correo
console-js-col-role = Rol
console-js-col-check = Comprobación
console-js-row-ok = correcta
# Problema de una fila en la vista previa: el código de error y luego la frase.
console-js-row-problem = { $code }: { $message }
console-js-too-many-rows = { $max ->
    [one] Solo se admite { $max } fila por importación.
   *[other] Solo se admiten { $max } filas por importación.
}
console-js-invalid-email = No es una dirección de correo.
# { $viewer }, { $speaker }, { $moderator }: los valores de rol del archivo.
console-js-bad-role = El rol debe ser { $viewer }, { $speaker } o { $moderator }.
# { $column } es el nombre de la columna (uses).
console-js-bad-uses = La columna { $column } debe ser un número entero a partir de 1.
console-js-bad-expiry = La columna { $column } no es una fecha.
console-js-bad-locale = La columna { $column } no indica ninguno de los idiomas: { $languages }.
console-js-duplicate = Esta dirección ya está en el archivo.
console-js-resume-before = { $rows ->
    [one] Reanudación: { $rows } fila ya se había enviado.
   *[other] Reanudación: { $rows } filas ya se habían enviado.
}
console-js-will-create = { $count ->
    [one] Se creará { $count } invitación.
   *[other] Se crearán { $count } invitaciones.
}
console-js-emails-go-out = { $count ->
    [one] Se enviará { $count } correo.
   *[other] Se enviarán { $count } correos.
}
console-js-no-emails = No se enviará ningún correo.
console-js-send-emails = { $count ->
    [one] Enviar { $count } correo
   *[other] Enviar { $count } correos
}
console-js-resume-send-emails = { $count ->
    [one] Reanudar y enviar { $count } correo
   *[other] Reanudar y enviar { $count } correos
}
console-js-create-invitations = { $count ->
    [one] Crear { $count } invitación
   *[other] Crear { $count } invitaciones
}
console-js-progress = { $total ->
    [one] Procesadas: { $done } de { $total } fila. Errores: { $errors }.
   *[other] Procesadas: { $done } de { $total } filas. Errores: { $errors }.
}
console-js-time-left = { $seconds ->
    [one] Queda aproximadamente { $seconds } segundo.
   *[other] Quedan aproximadamente { $seconds } segundos.
}
# { $status } es el código de estado HTTP.
console-js-retry = Esperando para reintentar (HTTP { $status })…
console-js-retry-offline = Sin conexión. Esperando para reintentar…
console-js-import-stopped = La importación se ha detenido ({ $code }). Vuelva a cargar la página para reanudarla.
console-js-import-finished = Terminado. Invitados: { $invited }. Rechazados: { $rejected }.
console-js-rejected-download = { $count ->
    [one] Descargar { $count } fila rechazada (CSV)
   *[other] Descargar las { $count } filas rechazadas (CSV)
}
console-js-copied = Copiado
# { $keys } es el atajo de teclado (Ctrl+C).
console-js-copy-by-keys = Pulse { $keys } para copiar

## Página de invitaciones

console-invites-title = Invitaciones
console-invites-heading = Invitaciones de { $title }
console-invites-filter-label = Filtrar las invitaciones
console-filter-status = Estado
console-filter-role = Rol
console-filter-delivery = Entrega
console-filter-email = Correo (exacto)
console-filter-any = cualquiera
console-filter = Filtrar
console-invites-download = Descargar estas invitaciones (CSV)
console-bulk-label = Para cada invitación que coincida con estos filtros
console-bulk-resend = Reenviar la invitación
console-bulk-revoke = Retirar el enlace
console-bulk-run = Aplicar a todas las coincidentes
console-bulk-progress = Progreso de la acción masiva
console-invites-caption = Invitaciones
console-col-email = Correo
console-col-role = Rol
console-col-delivery = Entrega
console-col-uses = Usos
console-col-created = Creada
console-col-actions = Acciones
# Usos hasta ahora, de un máximo de { $max }.
console-uses-of = { $uses } / { $max }
console-resend = Reenviar
console-revoke = Retirar
console-resend-to = Reenviar a { $email }
console-revoke-who = Retirar la invitación de { $email }
console-invites-empty = Ninguna invitación coincide.

## Acción masiva sin el script (una página de 100 invitaciones por envío del formulario)

console-bulk-title = Acción masiva
console-bulk-heading = { $action ->
    [revoke] Acción masiva: retirar los enlaces
   *[resend] Acción masiva: reenviar las invitaciones
}
console-bulk-page-result = { $done ->
    [one] { $done } invitación procesada; no posibles en esta página: { $failed }.
   *[other] { $done } invitaciones procesadas; no posibles en esta página: { $failed }.
}
console-bulk-continue = Continuar con la página siguiente
console-bulk-finished = Terminado.
console-back-to-invites = Volver a las invitaciones

## Script de la acción masiva

console-js-bulk-progress = { $done ->
    [one] { $done } invitación procesada; no posibles: { $failed }…
   *[other] { $done } invitaciones procesadas; no posibles: { $failed }…
}
console-js-bulk-finished = { $done ->
    [one] Terminado: { $done } invitación procesada; no posibles: { $failed }.
   *[other] Terminado: { $done } invitaciones procesadas; no posibles: { $failed }.
}
console-js-bulk-stopped = Detenido ({ $code }).

## Página de participantes

console-participants-title = Participantes
console-participants-heading = Participantes de { $title }
console-participants-filter-label = Filtrar los participantes
console-participants-download = Descargar estos participantes (CSV)
console-participants-caption = Participantes
console-col-admission = Admisión
console-col-joined = Se unió
console-role-of = Rol de { $email }
console-change-role = Cambiar
console-participants-empty = Todavía no se ha unido nadie.

## Panel

console-dashboard-title = Panel
console-dashboard-heading = Panel de { $title }
console-dashboard-noscript = Vuelva a cargar la página para ver cifras actualizadas.
console-funnel = Embudo
console-funnel-invited = Invitadas
console-funnel-delivered = Entregadas
console-funnel-redeemed = Canjeadas
console-funnel-in-room = En la sala
console-by-status = Invitaciones por estado
console-delivery = Entrega
console-by-role = Participantes por rol
# { $count } se muestra en negrita.
console-joined = Participantes que se han unido: { $count }
console-over-time = Canjes a lo largo del tiempo
# Fila de un gráfico para lectores de pantalla: el nombre de la barra y su número.
console-chart-row = { $label }: { $count }.
console-no-redemptions = Aún no hay canjes.
console-redemptions-between = { $count ->
    [one] { $count } canje entre { $first } y { $last }.
   *[other] { $count } canjes entre { $first } y { $last }.
}
# { $first } y { $last } son fechas y horas.
console-redemptions-shown = { $count ->
    [one] Se muestra { $count } canje, desde { $first } hasta { $last }.
   *[other] Se muestran { $count } canjes, desde { $first } hasta { $last }.
}

## Eliminar una sala

console-delete-title = Eliminar la sala
console-delete-heading = ¿Eliminar { $title }?
console-delete-count = { $count ->
    [one] { $count } persona recibirá un correo de cancelación.
   *[other] { $count } personas recibirán un correo de cancelación.
}
console-delete-warning = Sus enlaces dejarán de funcionar. Esto no se puede deshacer.
console-delete-confirm = { $count ->
    [one] Eliminar la sala y avisar a { $count } persona
   *[other] Eliminar la sala y avisar a { $count } personas
}
console-keep = Conservarla

## La imagen de marca de la organización

# El enlace de la barra de la consola.
console-branding-link = Imagen de marca
console-branding-title = Imagen de marca
console-branding-heading = La imagen de marca de su organización
console-branding-intro = Cómo ven los invitados a su organización: en las páginas del evento, en las páginas de error, en cada correo y en el archivo de calendario. Un campo vacío mantiene el aspecto propio del servicio.
console-branding-display-name = Nombre visible
console-branding-display-name-hint = Se muestra en la parte superior de las páginas y de los correos, y como organizador en el calendario.
console-branding-accent = Color de acento
# El color se escribe como #rrggbb (por ejemplo, #0b5cad).
console-branding-accent-hint = El color de los botones y enlaces, en formato #rrggbb. Sobre él va texto blanco, así que debe ser lo bastante oscuro: un contraste de al menos 4.5:1.
console-branding-logo = Logotipo
console-branding-logo-alt = El logotipo actual de su organización
console-branding-no-logo = Aún no hay logotipo.
console-branding-remove-logo = Quitar el logotipo
console-branding-logo-file = Nuevo logotipo
console-branding-logo-hint = Una imagen PNG, JPEG o WebP de 200 KB como máximo. Déjelo vacío para conservar el logotipo actual.
console-branding-sender = Nombre del remitente de los correos
console-branding-sender-hint = El nombre que el programa de correo de sus invitados muestra como remitente.
console-branding-reply-to = Dirección de respuesta
console-branding-reply-to-hint = Adónde van las respuestas de sus invitados.
console-branding-support = Texto de contacto
console-branding-support-hint = Se muestra en cada página de error en lugar de «Póngase en contacto con el organizador del evento».
console-branding-read-only = Puede ver la imagen de marca; para cambiarla se necesita el permiso de escritura.
