from procura.cli import main

main()
