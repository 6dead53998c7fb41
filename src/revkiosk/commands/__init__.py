"""One module per `revkiosk` subcommand, each with `main(argv) -> int`."""
