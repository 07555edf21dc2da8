# العربية الفصحى: ترجمة رسائل لوحة تحكم المضيف (من اليمين إلى اليسار).
# Arabic translation of the host console. Needs a native speaker's review (see README).
# Placeholders ({ $name }) are kept unchanged; setting names, CSV column names, role and
# value names of the CSV and error codes stay as they are.

## التخطيط (كل صفحات لوحة التحكم)

console-name = لوحة تحكم المضيف
# The browser tab's title: the page's title, then the console's name.
console-page-title = { $page } · لوحة تحكم المضيف
console-skip = الانتقال إلى المحتوى
# Who is signed in: their email address (or ID) and their organization.
console-who = { $who } · { $org }
console-who-read-only = { $who } · { $org } · للقراءة فقط
console-sign-out = تسجيل الخروج
console-language-picker = اللغة
console-tabs-label = الغرفة
console-tab-room = الغرفة
console-tab-invites = الدعوات
console-tab-participants = المشاركون
console-tab-dashboard = لوحة المعلومات
console-pager-label = الصفحات
# Arrows mirrored for right-to-left text.
console-pager-first = → الصفحة الأولى
console-pager-next = الصفحة التالية ←
# A table cell without a value.
console-none = —

## القيم المعروضة في الجداول والقوائم

console-room-status-scheduled = مجدولة
console-room-status-live = مباشرة
console-role-viewer = مشاهد
console-role-speaker = متحدث
console-role-moderator = مشرف
console-invite-status-active = نشطة
console-invite-status-used = مستخدَمة
console-invite-status-expired = منتهية الصلاحية
console-invite-status-revoked = ملغاة
console-invite-status-locked = مقفلة
console-delivery-sent = أُرسلت
console-delivery-queued = في قائمة الإرسال
console-delivery-pending = معلّقة
console-delivery-not-sent = لم تُرسل
console-delivery-failed = فشلت
console-delivery-delivered = سُلّمت
console-delivery-bounced = ارتدّت
console-delivery-complained = أُبلغ عنها كمزعجة
console-admission-admitted = أُدخل
console-admission-waiting = في الانتظار
console-admission-denied = رُفض
console-verify-email = كتابته
console-verify-code = رمز يُرسل إليه
console-verify-sso = تسجيل الدخول عبر مؤسسته
console-approval-none = لا أحد
console-approval-shared-links = من يدخلون بروابط مشتركة
console-approval-everyone = الجميع

## الأخطاء (صفحة الخطأ، وملاحظات الأخطاء في النماذج، ورسائل توقف السكربت)

console-error-title-unauthorized = يرجى تسجيل الدخول
console-error-title-forbidden = غير مسموح
console-error-title-not-found = غير موجود
console-error-title-link-used = استُخدم رابط تسجيل الدخول هذا من قبل
console-error-title-other = حدث خطأ ما
console-error-unauthorized = انتهت جلستك في لوحة التحكم أو أنها غير موجودة. سجّل الدخول مرة أخرى.
console-error-forbidden = لا يسمح تسجيل دخولك بهذا الإجراء، أو أن النموذج جاء من موقع آخر. تتطلب التغييرات صلاحية التعديل ونموذجًا من لوحة التحكم هذه.
console-error-link-used = يعمل رابط تسجيل الدخول إلى لوحة التحكم مرة واحدة فقط. أعد تشغيل الوضع المحلي للحصول على رابط جديد، أو سجّل الدخول عبر مزوّد الهوية.
console-error-not-found = لا توجد صفحة كهذه.
console-error-room-not-found = لا توجد غرفة كهذه في مؤسستك.
console-error-invite-not-found = لا توجد دعوة كهذه في هذه الغرفة.
console-error-participant-not-found = لا يوجد مشارك كهذا في هذه الغرفة.
console-error-invalid-email = هذا ليس عنوان بريد إلكتروني صالحًا.
console-error-domain-blocked = عناوين البريد الإلكتروني في هذا النطاق محظورة بموجب سياسة مؤسستك.
console-error-invalid-expiry = يجب أن يكون انتهاء صلاحية الرابط في المستقبل، وألا يتجاوز 30 يومًا من الآن.
console-error-invite-limit-reached = بلغت هذه الغرفة الحد الأقصى من الدعوات الذي تسمح به مؤسستك.
console-error-payload-too-large = البيانات أكثر مما يحتمله طلب واحد.
console-error-sso-failed = لم يكتمل تسجيل الدخول. ابدأه من جديد.
console-error-identity-provider-unavailable = يتعذر الوصول إلى مزوّد الهوية حاليًا. حاول مرة أخرى بعد قليل.
console-error-too-many-requests = طلبات كثيرة جدًا. انتظر لحظة ثم حاول مرة أخرى.
console-error-service-unavailable = الخدمة مشغولة أو غير متاحة لفترة وجيزة. حاول مرة أخرى بعد لحظات.
console-error-internal = حدث خطأ من جانبنا. حاول مرة أخرى.
console-error-other = تعذر إكمال الطلب.
# { $code } is the error's code (such as forbidden), shown as code.
console-error-code = رمز الخطأ: { $code }
console-error-back = العودة إلى لوحة التحكم
# A form's error note: the reason, then the error's code.
console-error-with-code = { $message } ({ $code })
console-error-reminders = التذكيرات هي عدد الدقائق قبل البدء، مفصولة بفواصل (,).
console-error-uses = يجب أن يكون عدد مرات الاستخدام عددًا صحيحًا.
# { $detail } is the technical reason (in English).
console-error-check-form = تحقق من النموذج: { $detail }.
console-error-invalid-invite = الدعوة غير صالحة: { $detail }.

## صفحتا تسجيل الدخول والخروج

console-sign-in-title = تسجيل الدخول
console-sign-in-heading = تسجيل الدخول إلى لوحة تحكم المضيف
console-sign-in-local = في الوضع المحلي، افتح رابط تسجيل الدخول الصالح لمرة واحدة الذي طبعته الخدمة عند تشغيلها.
# Followed by the list of the two settings' names.
console-sign-in-provider = لتسجيل الدخول عبر مزوّد الهوية في مؤسستك، اضبط إعدادات الخدمة التالية:
# { $setting } is the setting's name (HOST_OIDC_CLIENT_SECRET).
console-sign-in-secret = إن كان مزوّدك يمنح لوحة التحكم رمزًا سريًا، فاضبط { $setting } أيضًا.
console-signed-in-title = تم تسجيل الدخول
console-signed-in-continue = المتابعة إلى لوحة التحكم
console-signed-out-title = تم تسجيل الخروج
console-signed-out-heading = سجّلت الخروج
console-sign-in-again = تسجيل الدخول مجددًا

## قائمة الغرف

console-rooms-title = الغرف
console-rooms-empty = لا توجد غرف بعد.
console-rooms-caption = غرف مؤسستك
console-col-title = العنوان
console-col-starts = موعد البدء
console-col-status = الحالة
console-new-room = غرفة جديدة
console-create-room = إنشاء الغرفة

## صفحة الغرفة ونموذجها

# { $time } is the start (date and time), { $status } the room's status.
console-room-starts = موعد البدء: { $time } · { $status }
console-edit-room = تعديل الغرفة
console-save = حفظ التغييرات
console-saved = تم الحفظ.
console-delete-link = حذف هذه الغرفة…
console-field-title = العنوان
console-field-description = الوصف
console-field-starts = موعد البدء (بتوقيت UTC)
console-field-ends = موعد الانتهاء (بتوقيت UTC، اختياري)
console-field-speakers = المتحدثون
# Keep the | between the two parts.
console-field-speakers-hint = واحد في كل سطر: الاسم | الصفة
console-field-attachments = المرفقات
# Keep the | between the two parts.
console-field-attachments-hint = واحد في كل سطر: الاسم | https://link
console-field-reminders = التذكيرات (بالدقائق قبل البدء)
console-field-verify = يُثبت المدعو عنوانه عبر
console-field-approval = يوافق مشرف على دخول
console-fact-ends = موعد الانتهاء
console-fact-reminders = التذكيرات
# { $minutes } is the list of minutes (1440, 15).
console-fact-reminders-minutes = الدقائق قبل البدء: { $minutes }
console-fact-no-reminders = لا توجد تذكيرات
# A speaker with a title.
console-speaker-with-title = { $name } ({ $title })

## دعوة شخص واحد (في صفحة الغرفة)

console-invite-one = دعوة شخص واحد
console-field-email = عنوان البريد الإلكتروني
console-field-role = الدور
console-field-uses = مرات الاستخدام (فارغ: بلا حد)
console-field-link-expires = انتهاء صلاحية الرابط (بتوقيت UTC، اختياري)
console-field-send-email = إرسال الدعوة بالبريد الإلكتروني (وإلا فانسخ الرابط بنفسك)
console-invite = دعوة
console-invited = تمت دعوة { $email } بصفة { $role ->
    [speaker] متحدث
    [moderator] مشرف
   *[viewer] مشاهد
}.
console-new-link = رابط المدعو (يُعرض مرة واحدة فقط)
console-copy-link = نسخ الرابط

## الاستيراد (في صفحة الغرفة)

console-import-heading = استيراد المدعوين
# The column names ({ $email }, { $role }, …), role values and example dates are shown as
# code and stay as they are.
console-import-hint = ملف CSV أو قائمة ملصقة، بحد أقصى { $max } صف. الأعمدة: { $email } و{ $role } ({ $viewer } أو { $speaker } أو { $moderator })، واختياريًا { $uses } و{ $expiry } (تاريخ مثل { $date } أو وقت مثل { $time }) و{ $locale }. يُتعرَّف تلقائيًا على الصف الأول إن كان يحمل أسماء الأعمدة.
console-import-noscript = يتطلب الاستيراد JavaScript؛ وبدونه، ادعُ الأشخاص واحدًا تلو الآخر من النموذج أعلاه.
console-import-file = ملف CSV
console-import-paste = أو الصق القائمة
console-import-send = إرسال الدعوات بالبريد الإلكتروني
console-import-check = التحقق من الصفوف
console-import-start = إرسال
console-import-progress = تقدّم الاستيراد
console-import-rejected = تنزيل الصفوف المرفوضة (CSV)

## سكربت الاستيراد (النصوص التي يعرضها المتصفح أثناء التحقق والإرسال)

console-js-resume-note = { $total ->
    [one] توقف استيراد سابق بعد { $done } من أصل { $total } صف. اختر الملف نفسه (أو الصق القائمة نفسها) وتحقق منه مجددًا للاستئناف؛ لن تُرسل الصفوف المُرسلة من قبل مرة ثانية.
    [two] توقف استيراد سابق بعد { $done } من أصل { $total } صفّين. اختر الملف نفسه (أو الصق القائمة نفسها) وتحقق منه مجددًا للاستئناف؛ لن تُرسل الصفوف المُرسلة من قبل مرة ثانية.
    [few] توقف استيراد سابق بعد { $done } من أصل { $total } صفوف. اختر الملف نفسه (أو الصق القائمة نفسها) وتحقق منه مجددًا للاستئناف؛ لن تُرسل الصفوف المُرسلة من قبل مرة ثانية.
    [many] توقف استيراد سابق بعد { $done } من أصل { $total } صفًا. اختر الملف نفسه (أو الصق القائمة نفسها) وتحقق منه مجددًا للاستئناف؛ لن تُرسل الصفوف المُرسلة من قبل مرة ثانية.
   *[other] توقف استيراد سابق بعد { $done } من أصل { $total } صف. اختر الملف نفسه (أو الصق القائمة نفسها) وتحقق منه مجددًا للاستئناف؛ لن تُرسل الصفوف المُرسلة من قبل مرة ثانية.
}
console-js-counts = { $rows ->
    [one] { $rows } صف: { $ready } جاهزة، و{ $bad } فيها مشكلات (لن تُرسل).
    [two] { $rows } صفّان: { $ready } جاهزة، و{ $bad } فيها مشكلات (لن تُرسل).
    [few] { $rows } صفوف: { $ready } جاهزة، و{ $bad } فيها مشكلات (لن تُرسل).
    [many] { $rows } صفًا: { $ready } جاهزة، و{ $bad } فيها مشكلات (لن تُرسل).
   *[other] { $rows } صف: { $ready } جاهزة، و{ $bad } فيها مشكلات (لن تُرسل).
}
console-js-counts-header = { $rows ->
    [one] { $rows } صف (قُرئ الصف الأول على أنه أسماء الأعمدة): { $ready } جاهزة، و{ $bad } فيها مشكلات (لن تُرسل).
    [two] { $rows } صفّان (قُرئ الصف الأول على أنه أسماء الأعمدة): { $ready } جاهزة، و{ $bad } فيها مشكلات (لن تُرسل).
    [few] { $rows } صفوف (قُرئ الصف الأول على أنه أسماء الأعمدة): { $ready } جاهزة، و{ $bad } فيها مشكلات (لن تُرسل).
    [many] { $rows } صفًا (قُرئ الصف الأول على أنه أسماء الأعمدة): { $ready } جاهزة، و{ $bad } فيها مشكلات (لن تُرسل).
   *[other] { $rows } صف (قُرئ الصف الأول على أنه أسماء الأعمدة): { $ready } جاهزة، و{ $bad } فيها مشكلات (لن تُرسل).
}
console-js-preview-caption = الصفوف الأولى
console-js-preview-label = معاينة الصفوف
console-js-col-row = الصف
console-js-col-email = البريد الإلكتروني
console-js-col-role = الدور
console-js-col-check = التحقق
console-js-row-ok = سليم
# A row's problem in the preview: the error code, then the sentence.
console-js-row-problem = { $code }: { $message }
console-js-too-many-rows = { $max ->
    [one] الحد الأقصى { $max } صف لكل استيراد.
    [two] الحد الأقصى { $max } صفّان لكل استيراد.
    [few] الحد الأقصى { $max } صفوف لكل استيراد.
    [many] الحد الأقصى { $max } صفًا لكل استيراد.
   *[other] الحد الأقصى { $max } صف لكل استيراد.
}
console-js-invalid-email = ليس عنوان بريد إلكتروني.
# { $viewer }, { $speaker }, { $moderator }: the role values of the file.
console-js-bad-role = يجب أن يكون الدور { $viewer } أو { $speaker } أو { $moderator }.
# { $column } is the column's name (uses).
console-js-bad-uses = يجب أن تكون قيمة العمود { $column } عددًا صحيحًا من 1 فأكثر.
console-js-bad-expiry = قيمة العمود { $column } ليست تاريخًا.
console-js-bad-locale = قيمة العمود { $column } ليست من اللغات المتاحة: { $languages }.
console-js-duplicate = هذا العنوان موجود في الملف بالفعل.
console-js-resume-before = { $rows ->
    [one] استئناف: أُرسل { $rows } صف من قبل.
    [two] استئناف: أُرسل { $rows } صفّان من قبل.
    [few] استئناف: أُرسلت { $rows } صفوف من قبل.
    [many] استئناف: أُرسل { $rows } صفًا من قبل.
   *[other] استئناف: أُرسل { $rows } صف من قبل.
}
console-js-will-create = { $count ->
    [one] ستُنشأ { $count } دعوة.
    [two] ستُنشأ { $count } دعوتان.
    [few] ستُنشأ { $count } دعوات.
   *[other] ستُنشأ { $count } دعوة.
}
console-js-emails-go-out = { $count ->
    [one] ستُرسل { $count } رسالة بريد إلكتروني.
    [two] ستُرسل { $count } رسالتا بريد إلكتروني.
    [few] ستُرسل { $count } رسائل بريد إلكتروني.
   *[other] ستُرسل { $count } رسالة بريد إلكتروني.
}
console-js-no-emails = لن تُرسل أي رسائل بريد إلكتروني.
console-js-send-emails = { $count ->
    [one] إرسال { $count } رسالة
    [two] إرسال { $count } رسالتين
    [few] إرسال { $count } رسائل
   *[other] إرسال { $count } رسالة
}
console-js-resume-send-emails = { $count ->
    [one] الاستئناف وإرسال { $count } رسالة
    [two] الاستئناف وإرسال { $count } رسالتين
    [few] الاستئناف وإرسال { $count } رسائل
   *[other] الاستئناف وإرسال { $count } رسالة
}
console-js-create-invitations = { $count ->
    [one] إنشاء { $count } دعوة
    [two] إنشاء { $count } دعوتين
    [few] إنشاء { $count } دعوات
   *[other] إنشاء { $count } دعوة
}
console-js-progress = { $total ->
    [one] اكتمل { $done } من أصل { $total } صف. الأخطاء: { $errors }.
    [two] اكتمل { $done } من أصل { $total } صفّين. الأخطاء: { $errors }.
    [few] اكتمل { $done } من أصل { $total } صفوف. الأخطاء: { $errors }.
    [many] اكتمل { $done } من أصل { $total } صفًا. الأخطاء: { $errors }.
   *[other] اكتمل { $done } من أصل { $total } صف. الأخطاء: { $errors }.
}
console-js-time-left = { $seconds ->
    [one] بقيت { $seconds } ثانية تقريبًا.
    [two] بقيت { $seconds } ثانيتان تقريبًا.
    [few] بقيت { $seconds } ثوانٍ تقريبًا.
   *[other] بقيت { $seconds } ثانية تقريبًا.
}
# { $status } is the HTTP status code.
console-js-retry = في انتظار إعادة المحاولة (HTTP { $status })…
console-js-retry-offline = لا يوجد اتصال. في انتظار إعادة المحاولة…
console-js-import-stopped = توقف الاستيراد ({ $code }). أعد تحميل الصفحة للاستئناف.
console-js-import-finished = اكتمل: دُعي { $invited }، ورُفض { $rejected }.
console-js-rejected-download = { $count ->
    [one] تنزيل { $count } صف مرفوض (CSV)
    [two] تنزيل { $count } صفّين مرفوضين (CSV)
    [few] تنزيل { $count } صفوف مرفوضة (CSV)
    [many] تنزيل { $count } صفًا مرفوضًا (CSV)
   *[other] تنزيل { $count } صف مرفوض (CSV)
}
console-js-copied = تم النسخ
# { $keys } is the keyboard shortcut (Ctrl+C).
console-js-copy-by-keys = اضغط { $keys } للنسخ

## صفحة الدعوات

console-invites-title = الدعوات
console-invites-heading = دعوات { $title }
console-invites-filter-label = تصفية الدعوات
console-filter-status = الحالة
console-filter-role = الدور
console-filter-delivery = التسليم
console-filter-email = البريد الإلكتروني (مطابقة تامة)
console-filter-any = الكل
console-filter = تصفية
console-invites-download = تنزيل هذه الدعوات (CSV)
console-bulk-label = لكل دعوة تطابق عوامل التصفية هذه
console-bulk-resend = إعادة إرسال الدعوة
console-bulk-revoke = إلغاء الرابط
console-bulk-run = التنفيذ على كل الدعوات المطابقة
console-bulk-progress = تقدّم الإجراء الجماعي
console-invites-caption = الدعوات
console-col-email = البريد الإلكتروني
console-col-role = الدور
console-col-delivery = التسليم
console-col-uses = مرات الاستخدام
console-col-created = تاريخ الإنشاء
console-col-actions = الإجراءات
# Uses so far of at most { $max }.
console-uses-of = { $uses } من { $max }
console-resend = إعادة الإرسال
console-revoke = إلغاء
console-resend-to = إعادة الإرسال إلى { $email }
console-revoke-who = إلغاء دعوة { $email }
console-invites-empty = لا توجد دعوات مطابقة.

## إجراء جماعي بدون السكربت (صفحة من 100 دعوة في كل إرسال للنموذج)

console-bulk-title = إجراء جماعي
console-bulk-heading = { $action ->
    [revoke] إجراء جماعي: إلغاء الروابط
   *[resend] إجراء جماعي: إعادة إرسال الدعوات
}
console-bulk-page-result = { $done ->
    [one] تمت معالجة { $done } دعوة، وتعذرت معالجة { $failed } في هذه الصفحة.
    [two] تمت معالجة { $done } دعوتين، وتعذرت معالجة { $failed } في هذه الصفحة.
    [few] تمت معالجة { $done } دعوات، وتعذرت معالجة { $failed } في هذه الصفحة.
   *[other] تمت معالجة { $done } دعوة، وتعذرت معالجة { $failed } في هذه الصفحة.
}
console-bulk-continue = المتابعة إلى الصفحة التالية
console-bulk-finished = اكتمل.
console-back-to-invites = العودة إلى الدعوات

## سكربت الإجراء الجماعي

console-js-bulk-progress = { $done ->
    [one] تمت معالجة { $done } دعوة، وتعذرت معالجة { $failed }…
    [two] تمت معالجة { $done } دعوتين، وتعذرت معالجة { $failed }…
    [few] تمت معالجة { $done } دعوات، وتعذرت معالجة { $failed }…
   *[other] تمت معالجة { $done } دعوة، وتعذرت معالجة { $failed }…
}
console-js-bulk-finished = { $done ->
    [one] اكتمل: تمت معالجة { $done } دعوة، وتعذرت معالجة { $failed }.
    [two] اكتمل: تمت معالجة { $done } دعوتين، وتعذرت معالجة { $failed }.
    [few] اكتمل: تمت معالجة { $done } دعوات، وتعذرت معالجة { $failed }.
   *[other] اكتمل: تمت معالجة { $done } دعوة، وتعذرت معالجة { $failed }.
}
console-js-bulk-stopped = توقف الإجراء ({ $code }).

## صفحة المشاركين

console-participants-title = المشاركون
console-participants-heading = المشاركون في { $title }
console-participants-filter-label = تصفية المشاركين
console-participants-download = تنزيل هؤلاء المشاركين (CSV)
console-participants-caption = المشاركون
console-col-admission = الدخول
console-col-joined = تاريخ الانضمام
console-role-of = دور { $email }
console-change-role = تغيير
console-participants-empty = لم ينضم أحد بعد.

## لوحة المعلومات

console-dashboard-title = لوحة المعلومات
console-dashboard-heading = لوحة معلومات { $title }
console-dashboard-noscript = أعد تحميل الصفحة لعرض أحدث الأرقام.
console-funnel = مراحل الدعوة
console-funnel-invited = مدعوّون
console-funnel-delivered = وصلتهم الدعوة
console-funnel-redeemed = استخدموا الدعوة
console-funnel-in-room = في الغرفة
console-by-status = الدعوات حسب الحالة
console-delivery = تسليم البريد
console-by-role = المشاركون حسب الدور
# { $count } is shown in bold.
console-joined = المشاركون المنضمون: { $count }
console-over-time = استخدام الدعوات بمرور الوقت
# A chart's row for screen readers: the bar's name and its number.
console-chart-row = { $label }: { $count }.
console-no-redemptions = لم تُستخدم أي دعوة بعد.
console-redemptions-between = { $count ->
    [one] استُخدمت { $count } دعوة بين { $first } و{ $last }.
    [two] استُخدمت { $count } دعوتان بين { $first } و{ $last }.
    [few] استُخدمت { $count } دعوات بين { $first } و{ $last }.
   *[other] استُخدمت { $count } دعوة بين { $first } و{ $last }.
}
# { $first } and { $last } are dates and times.
console-redemptions-shown = { $count ->
    [one] تُعرض { $count } دعوة مستخدَمة، من { $first } إلى { $last }.
    [two] تُعرض { $count } دعوتان مستخدَمتان، من { $first } إلى { $last }.
    [few] تُعرض { $count } دعوات مستخدَمة، من { $first } إلى { $last }.
   *[other] تُعرض { $count } دعوة مستخدَمة، من { $first } إلى { $last }.
}

## حذف غرفة

console-delete-title = حذف الغرفة
console-delete-heading = حذف { $title }؟
console-delete-count = { $count ->
    [one] سيتلقى { $count } شخص رسالة إلغاء بالبريد الإلكتروني.
    [two] سيتلقى { $count } شخصان رسالة إلغاء بالبريد الإلكتروني.
    [few] سيتلقى { $count } أشخاص رسالة إلغاء بالبريد الإلكتروني.
    [many] سيتلقى { $count } شخصًا رسالة إلغاء بالبريد الإلكتروني.
   *[other] سيتلقى { $count } شخص رسالة إلغاء بالبريد الإلكتروني.
}
console-delete-warning = ستتوقف روابطهم عن العمل. لا يمكن التراجع عن ذلك.
console-delete-confirm = { $count ->
    [one] حذف الغرفة وإبلاغ { $count } شخص
    [two] حذف الغرفة وإبلاغ { $count } شخصين
    [few] حذف الغرفة وإبلاغ { $count } أشخاص
    [many] حذف الغرفة وإبلاغ { $count } شخصًا
   *[other] حذف الغرفة وإبلاغ { $count } شخص
}
console-keep = الإبقاء عليها

## الهوية البصرية للمؤسسة

# The link in the console's bar.
console-branding-link = الهوية البصرية
console-branding-title = الهوية البصرية
console-branding-heading = الهوية البصرية لمؤسستك
console-branding-intro = كيف يرى المدعوون مؤسستك: في صفحات الفعالية، وصفحات الخطأ، وفي كل رسالة بريد إلكتروني، وفي ملف التقويم. يُبقي الحقل الفارغ على المظهر الأصلي للخدمة.
console-branding-display-name = الاسم المعروض
console-branding-display-name-hint = يظهر في أعلى الصفحات ورسائل البريد الإلكتروني، وبصفته المنظم في التقويم.
console-branding-accent = اللون المميز
# The colour is written as #rrggbb (such as #0b5cad).
console-branding-accent-hint = لون الأزرار والروابط، بصيغة #rrggbb. يُكتب عليه نص أبيض، لذا يجب أن يكون داكنًا بما يكفي: بنسبة تباين لا تقل عن 4.5:1.
console-branding-logo = الشعار
console-branding-logo-alt = الشعار الحالي لمؤسستك
console-branding-no-logo = لا يوجد شعار بعد.
console-branding-remove-logo = إزالة الشعار
console-branding-logo-file = شعار جديد
console-branding-logo-hint = صورة PNG أو JPEG أو WebP لا يتجاوز حجمها 200 KB. اترك الحقل فارغًا للإبقاء على الشعار الحالي.
console-branding-sender = اسم مرسل البريد الإلكتروني
console-branding-sender-hint = الاسم الذي يعرضه برنامج البريد لدى مدعوّيك بصفته المرسل.
console-branding-reply-to = عنوان الرد
console-branding-reply-to-hint = العنوان الذي تصل إليه ردود مدعوّيك.
console-branding-support = نص التواصل
console-branding-support-hint = يظهر في كل صفحة خطأ بدلًا من «تواصل مع منظم الفعالية».
console-branding-read-only = يمكنك عرض الهوية البصرية؛ ويتطلب تغييرها صلاحية التعديل.
