from django.urls import path

from privacydesk.console import admin_views, auth_views, people_views, register_views

app_name = "console"

urlpatterns = [
    path("sign-in/", auth_views.SignInView.as_view(), name="login"),
    path("sign-in/code/", auth_views.VerifyView.as_view(), name="verify"),
    path("sign-in/enrol/", auth_views.EnrolView.as_view(), name="enrol"),
    path("sign-out/", auth_views.SignOutView.as_view(), name="logout"),
    path("", admin_views.DashboardView.as_view(), name="dashboard"),
    path("people/", people_views.PeopleListView.as_view(), name="people"),
    path("people/add/", people_views.PersonAddView.as_view(), name="person_add"),
    path("people/duplicates/", people_views.DuplicatesView.as_view(), name="duplicates"),
    path("people/<int:pk>/", people_views.PersonView.as_view(), name="person"),
    path("people/<int:pk>/edit/", people_views.PersonEditView.as_view(), name="person_edit"),
    path("people/<int:pk>/identities/", people_views.IdentityAddView.as_view(), name="identity_add"),
    path("people/<int:pk>/merge/", people_views.MergeView.as_view(), name="person_merge"),
    path("register/", register_views.RegisterIndexView.as_view(), name="register"),
    path("register/organisation/", register_views.OrganisationView.as_view(), name="organisation"),
    path("register/art30/", register_views.Art30View.as_view(), name="art30"),
    path("register/art30.<str:fmt>", register_views.Art30ExportView.as_view(), name="art30_export"),
    path("register/register.yaml", register_views.RegisterYamlView.as_view(), name="register_yaml"),
    path("register/import/", register_views.RegisterImportView.as_view(), name="register_import"),
    path("register/<slug:kind>/", register_views.KindListView.as_view(), name="register_list"),
    path("register/<slug:kind>/add/", register_views.KindFormView.as_view(), name="register_add"),
    path("register/<slug:kind>/<int:pk>/", register_views.KindFormView.as_view(), name="register_edit"),
    path("register/<slug:kind>/<int:pk>/delete/", register_views.KindDeleteView.as_view(), name="register_delete"),
    path("audit/", admin_views.AuditLogView.as_view(), name="audit"),
    path("audit/audit-log.csv", admin_views.AuditExportView.as_view(), name="audit_export"),
    path("audit/verify/", admin_views.AuditVerifyView.as_view(), name="audit_verify"),
    path("staff/", admin_views.StaffListView.as_view(), name="staff"),
    path("staff/add/", admin_views.StaffAddView.as_view(), name="staff_add"),
    path("staff/<int:pk>/", admin_views.StaffEditView.as_view(), name="staff_edit"),
    path("password/", admin_views.PasswordView.as_view(), name="password"),
    path("tokens/", admin_views.TokenListView.as_view(), name="tokens"),
    path("tokens/add/", admin_views.TokenAddView.as_view(), name="token_add"),
    path("tokens/<int:pk>/revoke/", admin_views.TokenRevokeView.as_view(), name="token_revoke"),
]
