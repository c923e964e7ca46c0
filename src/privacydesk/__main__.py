from privacydesk.cli import main

main()
