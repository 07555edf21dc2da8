# العربية الفصحى (من اليمين إلى اليسار). Needs a native speaker's review (see README).

## Common

time-utc = { $datetime } بالتوقيت العالمي المنسق
time-in-zone = { $datetime } ({ $zone }، { $offset })
role-phrase-viewer = مشاهد
role-phrase-speaker = متحدث
role-phrase-moderator = مشرف
role-name-viewer = مشاهد
role-name-speaker = متحدث
role-name-moderator = مشرف
role-word-viewer = مشاهد
role-word-speaker = متحدث
role-word-moderator = مشرف
role-plural-viewer = مشاهدين
role-plural-speaker = متحدثين
role-plural-moderator = مشرفين
list-two = { $first } و{ $second }
permission-live = البث المباشر
permission-chat = الدردشة
permission-qa = الأسئلة والأجوبة
permission-interactions = الاستطلاعات والتفاعلات
permission-backchannel = القناة الخاصة بالمتحدثين
permission-qa-moderation = الإشراف على الأسئلة
language-picker = اللغة

## Pages

page-join-title = الانضمام إلى { $title }
page-starts = يبدأ في: { $time }
page-invited-as = أنت مدعو بصفة { $role }.
lobby-form-title = تسجيل الدخول إلى الغرفة
lobby-email-label = عنوان بريدك الإلكتروني
lobby-email-help = أدخل العنوان الذي أُرسلت إليه هذه الدعوة.
lobby-code-promise = سنرسل إليك رمزًا من 6 أرقام بالبريد الإلكتروني للتأكد من هويتك.
lobby-code-sent = أرسلنا رمزًا من 6 أرقام إلى { $email }.
lobby-code-your-address = عنوانك
lobby-code-valid = { $minutes ->
    [one] يبقى صالحًا لمدة دقيقة واحدة.
    [two] يبقى صالحًا لمدة دقيقتين.
    [few] يبقى صالحًا لمدة { $minutes } دقائق.
   *[other] يبقى صالحًا لمدة { $minutes } دقيقة.
}
lobby-code-spam = تحقق من مجلد الرسائل غير المرغوب فيها إن لم يصل.
lobby-code-label = الرمز الوارد في البريد
lobby-continue = متابعة
lobby-login = دخول
lobby-resend-hint = لم يصلك رمز؟ يمكنك طلب رمز جديد بعد 30 ثانية من الرمز الأخير.
lobby-resend = إرسال رمز جديد
lobby-sso-hint = هذه الفعالية خاصة بمؤسستك: سجّل الدخول بحساب مؤسستك، مستخدمًا العنوان الذي أُرسلت إليه الدعوة.
lobby-sso-continue = المتابعة إلى تسجيل الدخول
waiting-denied-title = لم يسمح لك المضيف بالدخول
waiting-denied-reason = السبب: { $reason }
waiting-knock-hint = إن كنت ترى أن هذا خطأ، يمكنك الطلب مرة أخرى.
waiting-knock = اطرق الباب مجددًا
waiting-contact = تواصل مع المنظم إن كنت ترى أن هذا خطأ.
waiting-title = أنت في غرفة الانتظار
waiting-note = أُبلغ المضيف بوجودك. أبقِ هذه الصفحة مفتوحة: ستُدخلك تلقائيًا فور سماحه لك.
section-speakers = المتحدثون
section-attachments = المرفقات
opens-in-new-tab = (يُفتح في علامة تبويب جديدة)
feature-live = يُعرض البث المباشر هنا.
feature-chat = تحدث مع جميع من في الغرفة.
feature-qa = اطرح سؤالًا على المتحدثين.
feature-interactions = تظهر الاستطلاعات والتفاعلات هنا.
feature-backchannel = قناة خاصة بالمتحدثين والمشرفين.
feature-qa-moderation = الموافقة على الأسئلة والإجابة عنها واستبعادها.
stage-title = الغرفة المباشرة
stage-connecting = جارٍ توصيلك بالغرفة المباشرة…
stage-open = فتح الغرفة المباشرة
invite-title = دعوة شخص
invite-help = { $limit ->
    [one] يتلقى الشخص منك دعوة بالبريد الإلكتروني برابط يعمل مرة واحدة. يمكنك دعوة شخص واحد إلى هذه الغرفة.
   *[other] يتلقى الشخص منك دعوة بالبريد الإلكتروني برابط يعمل مرة واحدة. يمكنك دعوة ما يصل إلى { $limit } شخصًا إلى هذه الغرفة.
}
invite-email-label = عنوان بريده الإلكتروني
invite-role-label = الدور
invite-send = إرسال الدعوة
invite-sent = أُرسلت دعوتك.
event-opens-itself = تفتح هذه الصفحة الغرفة تلقائيًا عند بدء الجلسة.
room-you-are = أنت { $role }.
countdown-hms = يبدأ بعد { $hms }
countdown-days-hms = { $days ->
    [one] يبدأ بعد يوم واحد و{ $hms }
    [two] يبدأ بعد يومين و{ $hms }
    [few] يبدأ بعد { $days } أيام و{ $hms }
   *[other] يبدأ بعد { $days } يومًا و{ $hms }
}
panel-title = غرفة الانتظار
panel-sound = تشغيل صوت عندما يطرق أحدهم الباب
panel-empty = لا أحد ينتظر.
panel-admit-all = إدخال الجميع
panel-admit = إدخال
panel-admit-who = إدخال { $name }
panel-reason = السبب (اختياري)
panel-reason-who = سبب رفض { $name } (اختياري)
panel-deny = رفض
panel-deny-who = رفض { $name }

## Messages of the page script

js-deciding = اتخذ المضيف قراره. لحظة من فضلك…
js-starting = الجلسة تبدأ الآن. جارٍ فتح الغرفة…
js-starting-now = تبدأ الآن…
js-opening-stage = جارٍ فتح الغرفة المباشرة…
js-stage-retry = تعذر الوصول إلى الغرفة المباشرة. جارٍ إعادة المحاولة…
js-role-now = أصبح دورك الآن: { $role }.
js-sending = جارٍ إرسال الدعوة…
js-invite-not-emailed = أُنشئت الدعوة لـ { $email }، لكن تعذر إرسال البريد الإلكتروني. اطلب من المضيف إعادة إرسالها.
js-invite-sent = أُرسلت الدعوة إلى { $email } بصفة { $role }.
js-invite-failed = لم تُرسل الدعوة.
js-invite-unreachable = لم تُرسل الدعوة: تعذر الوصول إلى الخدمة. حاول مرة أخرى.

## Error pages

error-what-to-do = ما يمكنك فعله
error-code = رمز الخطأ: { $code }
error-contact = تواصل مع منظم الفعالية.
error-signed-in-as = سجّلت الدخول باسم { $email }، لكن هذه الدعوة أُرسلت إلى عنوان آخر.
error-signed-in-advice = سجّل الخروج من حساب مؤسستك ثم ادخل بالعنوان الذي أُرسلت إليه الدعوة، أو اطلب من المنظم دعوة { $email }.
error-forbidden-page = أُرسل نموذج الدخول من موقع آخر، لذا لم يُسجَّل دخولك.
error-other-title = حدث خطأ ما
error-other-message = حدث خطأ من جانبنا. يرجى المحاولة مرة أخرى.
error-other-advice = حدّث الصفحة. إن تكرر ذلك، فاسأل المنظم.
error-invalid_link-title = هذا الرابط لا يعمل
error-invalid_link-message = رابط الدعوة هذا غير صالح.
error-invalid_link-advice = تأكد من أنك فتحت الرابط كاملًا من أحدث رسالة دعوة. إن أرسل إليك المضيف دعوة جديدة، فرابطها وحده يعمل. وإلا فاطلب من المنظم رابطًا جديدًا.
error-invite_revoked-title = أُزيلت هذه الدعوة
error-invite_revoked-message = أزال المضيف هذه الدعوة.
error-invite_revoked-advice = أُزيلت الدعوة. اسأل المضيف إن كان عليك الحضور.
error-room_deleted-title = أُزيلت هذه الغرفة
error-room_deleted-message = حُذفت هذه الغرفة.
error-room_deleted-advice = أُزيلت الغرفة. اسأل المضيف عن التفاصيل.
error-link_expired-title = انتهت صلاحية هذا الرابط
error-link_expired-message = انتهت صلاحية رابط الدعوة هذا.
error-link_expired-advice = اطلب من المنظم رابطًا جديدًا.
error-link_used-title = استُخدم هذا الرابط من قبل
error-link_used-message = استُخدم رابط الدعوة هذا بالفعل.
error-link_used-advice = اطلب من المنظم رابطًا جديدًا.
error-email_mismatch-title = عنوان بريد إلكتروني خاطئ
error-email_mismatch-message = ليس هذا العنوان الذي أُرسلت إليه الدعوة.
error-email_mismatch-advice = أدخل العنوان الذي أُرسلت إليه الدعوة. إن كنت مدعوًا بعنوان آخر، فافتح الرابط من ذلك البريد.
error-too_many_attempts-title = هذه الدعوة مقفلة
error-too_many_attempts-message = أُدخلت عناوين خاطئة كثيرة لهذه الدعوة.
error-too_many_attempts-advice = حفاظًا على أمانك قُفلت هذه الدعوة. اطلب من المنظم إعادة إرسالها.
error-not_a_participant-title = لم تنضم إلى هذه الغرفة
error-not_a_participant-message = لم تنضم إلى هذه الغرفة.
error-not_a_participant-advice = افتح رابط الدعوة من بريدك للانضمام إلى هذه الغرفة. إن كنت قد انضممت، فحدّث الغرفة.
error-domain_blocked-title = نطاق بريدك الإلكتروني محظور
error-domain_blocked-message = عناوين هذا النطاق محظورة بموجب سياسة مؤسستك.
error-domain_blocked-advice = تحظر مؤسستك نطاق البريد هذا. اطلب من المنظم دعوة عنوان آخر لك.
error-invalid_email-title = هذا ليس عنوان بريد إلكتروني
error-invalid_email-message = هذا ليس عنوان بريد إلكتروني صالحًا.
error-invalid_email-advice = تحقق من العنوان وحاول مرة أخرى.
error-room_not_found-title = لا توجد غرفة كهذه
error-room_not_found-message = لا توجد غرفة كهذه.
error-room_not_found-advice = تحقق من العنوان أو اطلب من المضيف رابطًا جديدًا.
error-not_found-title = الصفحة غير موجودة
error-not_found-message = لا توجد صفحة كهذه.
error-not_found-advice = تحقق من العنوان أو افتح الرابط من رسالة الدعوة مرة أخرى.
error-forbidden-title = رُفض هذا الطلب
error-forbidden-message = لا يُسمح لك بهذا الإجراء.
error-forbidden-advice = افتح رابط الدعوة من بريدك بنفسك وأدخل عنوانك في تلك الصفحة.
error-guest-disabled = أوقفت مؤسستك إرسال الدعوات من داخل الغرفة.
error-guest-viewer = لا يستطيع المشاهدون دعوة أحد. اطلب ذلك من متحدث أو مشرف أو من المضيف.
error-guest-above-role = بصفتك { $inviter } يمكنك دعوة { $roles }، لا { $requested }. اطلب ذلك من المضيف.
error-guest-advice = اطلب من المضيف دعوتهم.
error-guest-cross-site = أُرسل نموذج الدعوة من موقع آخر، لذا رُفض.
error-invite_limit_reached-title = بلغت الحد الأقصى للدعوات
error-invite_limit_reached-message = أرسلت لهذه الغرفة العدد الأقصى من الدعوات الذي تسمح به مؤسستك.
error-invite_limit_reached-advice = اطلب من المضيف دعوة مزيد من الأشخاص.
error-code_invalid-title = الرمز غير صحيح
error-code_invalid-message = هذا الرمز غير صحيح.
error-code_invalid-advice = تحقق من الرمز المكون من 6 أرقام في أحدث رسالة أرسلناها إليك واكتبه مرة أخرى.
error-code_expired-title = اطلب رمزًا جديدًا
error-code_expired-message = انتهت صلاحية هذا الرمز أو استُنفد. اطلب رمزًا جديدًا.
error-code_expired-advice = اطلب رمزًا جديدًا: سنرسله إليك بالبريد فورًا.
error-too_many_requests-title = يرجى الانتظار قليلًا
error-too_many_requests-message = يرجى الانتظار قليلًا قبل الطلب مرة أخرى.
error-too_many_requests-advice = انتظر لحظة ثم حاول مرة أخرى. ابحث في البريد الوارد ومجلد الرسائل غير المرغوب فيها عن الرمز الذي أرسلناه.
error-sso_failed-title = لم يكتمل تسجيل الدخول
error-sso_failed-message = لم يكتمل تسجيل الدخول.
error-sso_failed-advice = ابدأ تسجيل الدخول من جديد من رابط الدعوة. إن استمر الإخفاق، فاسأل المنظم.
error-verification_required-title = سجّل الدخول للمتابعة
error-verification_required-message = تتطلب هذه الدعوة تسجيل الدخول بحساب مؤسستك.
error-verification_required-advice = تابع تسجيل الدخول عبر مؤسستك.
error-identity_provider_unavailable-title = تسجيل الدخول غير متاح حاليًا
error-identity_provider_unavailable-message = يتعذر الوصول إلى خدمة تسجيل الدخول في مؤسستك حاليًا.
error-identity_provider_unavailable-advice = انتظر لحظة ثم حاول مرة أخرى. إن تكرر ذلك، فاسأل المنظم.
error-service_unavailable-title = الخدمة مشغولة
error-service_unavailable-message = الخدمة مشغولة أو غير متاحة لفترة وجيزة. يرجى المحاولة بعد لحظات.
error-service_unavailable-advice = تعيد هذه الصفحة المحاولة تلقائيًا خلال ثوانٍ. إن تكرر ذلك، فحاول لاحقًا.
error-awaiting_approval-title = أنت في غرفة الانتظار
error-awaiting_approval-message = أنت في غرفة الانتظار: سيسمح لك المضيف بالدخول.
error-awaiting_approval-advice = أبقِ هذه الصفحة مفتوحة: ستدخل الغرفة تلقائيًا فور سماح المضيف لك.
error-admission_denied-title = لم يسمح لك المضيف بالدخول
error-admission_denied-message = لم يسمح لك المضيف بالدخول.
error-admission_denied-advice = إن كنت ترى أن هذا خطأ، يمكنك الطرق مجددًا بعد دقيقة أو التواصل مع المنظم.
error-not_live-title = لم تبدأ الغرفة بعد
error-not_live-message = لم تبدأ الغرفة بعد.
error-not_live-advice = افتح صفحة الفعالية: ستدخل الغرفة تلقائيًا عند بدء الجلسة.
error-room_backend_unavailable-title = يتعذر الوصول إلى الغرفة المباشرة
error-room_backend_unavailable-message = تعذر الوصول إلى الغرفة المباشرة. يرجى المحاولة مرة أخرى.
error-room_backend_unavailable-advice = حدّث الصفحة بعد لحظة. إن تكرر ذلك، فاسأل المنظم.
error-guest-refused-title = رُفضت هذه الدعوة

## Emails

email-link-once = يعمل الرابط مرة واحدة: افتحه على الجهاز الذي ستشاهد منه.
email-link-n-times = { $uses ->
    [one] يعمل الرابط مرة واحدة.
    [two] يعمل الرابط مرتين.
    [few] يعمل الرابط { $uses } مرات.
   *[other] يعمل الرابط { $uses } مرة.
}
email-link-unlimited = يعمل الرابط أي عدد من المرات حتى تنتهي صلاحيته.
email-the-organizer = المنظم
email-guest-inviter = { $name } ({ $role } في هذه الغرفة)
email-invitation-subject = دعوة: { $title }
email-invitation-heading = أنت مدعو إلى { $title }
email-invitation-who = دعاك { $who } إلى «{ $title }» بصفة { $role }.
email-starts = يبدأ في: { $time }
email-join = الانضمام إلى الغرفة
email-join-text = للانضمام: { $link }
email-valid-until = الرابط صالح حتى { $time }. { $uses }
email-enter-address = عند الطلب، أدخل عنوان البريد هذا ({ $email }).
email-copy-link = إن لم يعمل الزر، فانسخ هذا العنوان إلى متصفحك:
email-ignore = إن لم تكن تتوقع هذه الدعوة، يمكنك تجاهل هذه الرسالة.
email-code-subject = رمزك لـ { $title }
email-code-heading = رمزك لـ { $title }
email-code-intro = رمزك للانضمام إلى «{ $title }» هو:
email-code-type-it = اكتب هذا الرمز في الصفحة التي طلبته منها.
email-code-valid = { $minutes ->
    [one] يعمل مرة واحدة، لمدة دقيقة واحدة.
    [two] يعمل مرة واحدة، لمدة دقيقتين.
    [few] يعمل مرة واحدة، لمدة { $minutes } دقائق.
   *[other] يعمل مرة واحدة، لمدة { $minutes } دقيقة.
}
email-code-ignore = إن لم تطلب رمزًا، يمكنك تجاهل هذه الرسالة: لا يستطيع أحد استخدام دعوتك بدونه.
email-role-subject = أصبح دورك في { $title } الآن: { $role }
email-role-changed = تغيّر دورك في «{ $title }» من { $from } إلى { $to }.
email-role-gained = يمكنك الآن استخدام: { $list }.
email-role-lost = لم يعد لديك: { $list }.
email-role-nothing-to-do = لا حاجة لأي إجراء: يسري التغيير في الغرفة ({ $url }) خلال ثوانٍ.
email-when-tomorrow = غدًا
email-when-days = { $n ->
    [one] بعد يوم واحد
    [two] بعد يومين
    [few] بعد { $n } أيام
   *[other] بعد { $n } يومًا
}
email-when-hours = { $n ->
    [one] بعد ساعة واحدة
    [two] بعد ساعتين
    [few] بعد { $n } ساعات
   *[other] بعد { $n } ساعة
}
email-when-minutes = { $n ->
    [one] بعد دقيقة واحدة
    [two] بعد دقيقتين
    [few] بعد { $n } دقائق
   *[other] بعد { $n } دقيقة
}
email-reminder-subject = تذكير: يبدأ { $title } { $when }
email-reminder-heading = يبدأ { $title } { $when }
email-reminder-joined = إن كنت قد انضممت، فالغرفة هنا: { $url }
email-reminder-otherwise = وإلا فافتح الرابط في رسالة الدعوة وأدخل هذا العنوان ({ $email }).
email-update-subject = تحديث: يبدأ { $title } الآن في { $time }
email-update-heading = تغيّر موعد { $title }
email-update-now-starts = الموعد الجديد: { $time }.
email-update-same-link = يبقى رابط دعوتك كما هو. يحدّث ملف التقويم المرفق الموعد في تقويمك.
email-cancel-subject = أُلغي: { $title }
email-cancel-heading = أُلغي { $title }
email-cancel-body = ألغى المنظم جلسة { $time }. لم يعد رابط دعوتك يعمل.
email-cancel-calendar = يزيل ملف التقويم المرفق الموعد من تقويمك.
email-unsubscribe = إيقاف التذكيرات والتحديثات لهذه الفعالية
email-unsubscribe-text = إيقاف التذكيرات والتحديثات لهذه الفعالية: { $url }
calendar-description = انضم بالرابط الموجود في رسالة الدعوة.
calendar-organizer = دعوات الغرف

## One-click unsubscribe page

unsubscribe-title = إيقاف تذكيرات { $title }
unsubscribe-explain = لن تصل إلى { $email } بعد الآن تذكيرات هذه الفعالية أو تحديثاتها أو إلغاؤها. أما الدعوات التي يرسلها إليك مضيف لاحقًا فستصل كالمعتاد.
unsubscribe-confirm = إيقاف هذه الرسائل
unsubscribe-done-title = لن تصلك تذكيرات هذه الفعالية بعد الآن
unsubscribe-done = لن تصل إلى { $email } بعد الآن تذكيرات { $title } أو تحديثاتها أو إلغاؤها.
