from tests.test_verification import VERIFIED, _on, timedelta
from tests.conftest import csrf_token
from tests.factories import DEFAULT_PASSWORD

def test_dbg(app, runner, client, auth, make_organization, make_service, make_user):
    organization = make_organization(name="Eastside Peer Center")
    service = make_service(organization=organization, assured_date=VERIFIED)
    agency = make_user(role="agency", organizations=[organization])
    with _on(VERIFIED + timedelta(days=340)):
        r = auth.login(agency.email, DEFAULT_PASSWORD)
        print(r.status_code, r.location)
        page = client.get("/agency")
        print(page.status_code, page.location)
        token = csrf_token(page.text)
        r = client.post(f"/agency/services/{service.id}/verify", data={"csrf_token": token})
        print(r.status_code, r.location)
    assert 0
