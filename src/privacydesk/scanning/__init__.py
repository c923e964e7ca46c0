"""The scanner inside the web application: its permission, the API endpoint and the console page.
The scanner itself is ``privacydesk.scan`` (pure Python, no Django)."""
