<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl">
<context>
    <name>CommandLine</name>
    <message>
        <source>path</source>
        <translation>pad</translation>
    </message>
    <message>
        <source>Language of the user interface, e.g. nl or en. Default: the system language.</source>
        <translation>Taal van de gebruikersinterface, bijv. nl of en. Standaard: de systeemtaal.</translation>
    </message>
    <message>
        <source>code</source>
        <translation>code</translation>
    </message>
    <message>
        <source>Durability of commits: full survives power loss (default), normal only crashes of the program.</source>
        <translation>Duurzaamheid van commits: full overleeft stroomuitval (standaard), normal alleen crashes van het programma.</translation>
    </message>
    <message>
        <source>full|normal</source>
        <translation>full|normal</translation>
    </message>
    <message>
        <source>Unknown language code &quot;%1&quot;.</source>
        <translation>Onbekende taalcode &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>The task hub path must not be empty.</source>
        <translation>Het pad van de taakhub mag niet leeg zijn.</translation>
    </message>
    <message>
        <source>Invalid value &quot;%1&quot; for --sync: use full or normal.</source>
        <translation>Ongeldige waarde &quot;%1&quot; voor --sync: gebruik full of normal.</translation>
    </message>
    <message>
        <source>Unexpected argument &quot;%1&quot;.</source>
        <translation>Onverwacht argument &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>Run the engine and the HTTP API without windows until SIGTERM or SIGINT.</source>
        <translation>Draai de engine en de HTTP-API zonder vensters tot SIGTERM of SIGINT.</translation>
    </message>
    <message>
        <source>Port of the HTTP API (0: any free port). Default: 7071.</source>
        <translation>Poort van de HTTP-API (0: een willekeurige vrije poort). Standaard: 7071.</translation>
    </message>
    <message>
        <source>port</source>
        <translation>poort</translation>
    </message>
    <message>
        <source>Address the HTTP API listens on. Default: 127.0.0.1 (this machine only).</source>
        <translation>Adres waarop de HTTP-API luistert. Standaard: 127.0.0.1 (alleen deze computer).</translation>
    </message>
    <message>
        <source>address</source>
        <translation>adres</translation>
    </message>
    <message>
        <source>Keep the HTTP API key in this file (created with mode 0600) instead of the keychain.</source>
        <translation>Bewaar de sleutel van de HTTP-API in dit bestand (aangemaakt met modus 0600) in plaats van in de sleutelbos.</translation>
    </message>
    <message>
        <source>Invalid value &quot;%1&quot; for --http-port: use 0 to 65535.</source>
        <translation>Ongeldige waarde &quot;%1&quot; voor --http-port: gebruik 0 tot en met 65535.</translation>
    </message>
    <message>
        <source>Invalid value &quot;%1&quot; for --http-bind: use an IP address.</source>
        <translation>Ongeldige waarde &quot;%1&quot; voor --http-bind: gebruik een IP-adres.</translation>
    </message>
    <message>
        <source>Register the orchestrators and activities of a JavaScript file (repeatable).</source>
        <translation>De orchestrators en activiteiten van een JavaScript-bestand registreren (herhaalbaar).</translation>
    </message>
    <message>
        <source>file</source>
        <translation>bestand</translation>
    </message>
    <message>
        <source>Load a C++ plugin with orchestrators and activities (repeatable).</source>
        <translation>Een C++-plug-in met orchestrators en activiteiten laden (herhaalbaar).</translation>
    </message>
    <message>
        <source>Serve the Durable Task sidecar protocol (gRPC) on this port, for apps built with the Durable Task SDKs (0: any free port; the SDKs&apos; default is 4001).</source>
        <translation>Biedt het Durable Task-sidecarprotocol (gRPC) aan op deze poort, voor apps die met de Durable Task-SDK&apos;s gebouwd zijn (0: elke vrije poort; de SDK&apos;s gebruiken standaard 4001).</translation>
    </message>
    <message>
        <source>Address the sidecar listens on. Default: 127.0.0.1. Any other address requires clients to send the API key as &quot;authorization: Bearer KEY&quot;.</source>
        <translation>Adres waarop de sidecar luistert. Standaard: 127.0.0.1. Op elk ander adres moeten clients de API-sleutel meesturen als &quot;authorization: Bearer SLEUTEL&quot;.</translation>
    </message>
    <message>
        <source>Invalid value &quot;%1&quot; for --grpc-port: use 0 to 65535.</source>
        <translation>Ongeldige waarde &quot;%1&quot; voor --grpc-port: gebruik 0 tot en met 65535.</translation>
    </message>
    <message>
        <source>Invalid value &quot;%1&quot; for --grpc-bind: use an IP address.</source>
        <translation>Ongeldige waarde &quot;%1&quot; voor --grpc-bind: gebruik een IP-adres.</translation>
    </message>
    <message>
        <source>--grpc-bind needs --grpc-port.</source>
        <translation>--grpc-bind vereist --grpc-port.</translation>
    </message>
    <message>
        <source>Also accept this host name in requests to the HTTP API (repeatable). Default: only localhost and loopback addresses; other names are refused with 421.</source>
        <translation>Accepteer deze hostnaam ook in verzoeken aan de HTTP-API (herhaalbaar). Standaard: alleen localhost en loopback-adressen; andere namen worden geweigerd met 421.</translation>
    </message>
    <message>
        <source>name</source>
        <translation>naam</translation>
    </message>
    <message>
        <source>Invalid value &quot;%1&quot; for --http-host: use a host name without port or scheme.</source>
        <translation>Ongeldige waarde &quot;%1&quot; voor --http-host: gebruik een hostnaam zonder poort of schema.</translation>
    </message>
    <message>
        <source>Copy the task hub FROM (an SQLite file or a postgresql:// URL) into the new or empty hub TO, verify the copy and exit, without windows. Usage: --copy-hub FROM TO. A hub whose workers run must be stopped first.</source>
        <translation>Kopieer de taakhub FROM (een SQLite-bestand of een postgresql://-URL) naar de nieuwe of lege hub TO, controleer de kopie en stop, zonder vensters. Gebruik: --copy-hub FROM TO. Een hub waarvan de workers draaien, moet eerst gestopt worden.</translation>
    </message>
    <message>
        <source>from</source>
        <translation>van</translation>
    </message>
    <message>
        <source>--copy-hub needs two hubs: --copy-hub FROM TO.</source>
        <translation>--copy-hub heeft twee hubs nodig: --copy-hub FROM TO.</translation>
    </message>
    <message>
        <source>--copy-hub and --headless cannot be combined.</source>
        <translation>--copy-hub en --headless kunnen niet samen gebruikt worden.</translation>
    </message>
    <message>
        <source>Runs and inspects durable orchestrations on a task hub: an embedded SQLite file, or a PostgreSQL database shared by any number of worker processes.</source>
        <translation>Voert duurzame orkestraties uit en inspecteert ze op een taakhub: een ingebed SQLite-bestand, of een PostgreSQL-database die door een willekeurig aantal workerprocessen gedeeld wordt.</translation>
    </message>
    <message>
        <source>Task hub to open: an SQLite file, created when missing, or a PostgreSQL hub shared by worker processes, postgresql://user@host/database?hub=NAME (the password from ~/.pgpass or PGPASSFILE). Default: %1.</source>
        <translation>Te openen taakhub: een SQLite-bestand, aangemaakt als het ontbreekt, of een PostgreSQL-hub die door workerprocessen gedeeld wordt, postgresql://gebruiker@host/database?hub=NAAM (het wachtwoord uit ~/.pgpass of PGPASSFILE). Standaard: %1.</translation>
    </message>
    <message>
        <source>path|url</source>
        <translation>pad|url</translation>
    </message>
    <message>
        <source>On a PostgreSQL hub, run workers in this window too (without it the workbench attaches as a client that watches and sends commands). SQLite hubs always run them in the first process that opens them.</source>
        <translation>Op een PostgreSQL-hub ook workers in dit venster uitvoeren (zonder deze optie koppelt de workbench zich als client die meekijkt en opdrachten stuurt). SQLite-hubs voeren ze altijd uit in het eerste proces dat ze opent.</translation>
    </message>
    <message>
        <source>With --headless: do not serve the HTTP API; the process only runs workers on the hub.</source>
        <translation>Met --headless: de HTTP-API niet aanbieden; het proces voert alleen workers op de hub uit.</translation>
    </message>
    <message>
        <source>--no-http needs --headless.</source>
        <translation>--no-http vereist --headless.</translation>
    </message>
</context>
<context>
    <name>CurlCommands</name>
    <message>
        <source>Set DURABLE_KEY to the API key first (HTTP API dock: Copy key).</source>
        <translation>Zet eerst DURABLE_KEY op de API-sleutel (HTTP API-paneel: sleutel kopiëren).</translation>
    </message>
    <message>
        <source>Start %1 with the same input (a new instance)</source>
        <translation>%1 starten met dezelfde invoer (een nieuwe instantie)</translation>
    </message>
    <message>
        <source>Status of %1</source>
        <translation>Status van %1</translation>
    </message>
    <message>
        <source>Raise the awaited event %1 (the body is its JSON payload)</source>
        <translation>Het verwachte event %1 versturen (de body is de JSON-inhoud)</translation>
    </message>
    <message>
        <source>Terminate</source>
        <translation>Beëindigen</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Hervatten</translation>
    </message>
    <message>
        <source>Suspend</source>
        <translation>Pauzeren</translation>
    </message>
    <message>
        <source>Purge (history, logs and instance)</source>
        <translation>Wissen (geschiedenis, logs en instantie)</translation>
    </message>
</context>
<context>
    <name>DesignerTemplates</name>
    <message>
        <source>Function chaining</source>
        <translation>Functieketen</translation>
    </message>
    <message>
        <source>Fan-out/fan-in</source>
        <translation>Fan-out/fan-in</translation>
    </message>
    <message>
        <source>Async HTTP API</source>
        <translation>Asynchrone HTTP-API</translation>
    </message>
    <message>
        <source>Monitor</source>
        <translation>Monitor</translation>
    </message>
    <message>
        <source>Human interaction</source>
        <translation>Menselijke interactie</translation>
    </message>
    <message>
        <source>Durable Functions v4 model (df.app)</source>
        <translation>Durable Functions v4-model (df.app)</translation>
    </message>
</context>
<context>
    <name>ErrorText</name>
    <message>
        <source>A value is not valid.</source>
        <translation>Een waarde is ongeldig.</translation>
    </message>
    <message>
        <source>The data is larger than the configured limit.</source>
        <translation>De gegevens zijn groter dan de ingestelde limiet.</translation>
    </message>
    <message>
        <source>No orchestrator with that name is registered.</source>
        <translation>Er is geen orchestrator met die naam geregistreerd.</translation>
    </message>
    <message>
        <source>The orchestration instance does not exist.</source>
        <translation>De orkestratie-instantie bestaat niet.</translation>
    </message>
    <message>
        <source>An orchestration instance with that ID is still running.</source>
        <translation>Er draait nog een orkestratie-instantie met die ID.</translation>
    </message>
    <message>
        <source>The orchestration instance is in a state that does not allow this.</source>
        <translation>De orkestratie-instantie is in een toestand die dit niet toestaat.</translation>
    </message>
    <message>
        <source>The database reported an error, for example a full disk or a file that cannot be read.</source>
        <translation>De database meldde een fout, bijvoorbeeld een volle schijf of een bestand dat niet gelezen kan worden.</translation>
    </message>
    <message>
        <source>The file is locked by another program.</source>
        <translation>Het bestand is vergrendeld door een ander programma.</translation>
    </message>
    <message>
        <source>The file is not a task hub, or it is damaged.</source>
        <translation>Het bestand is geen taakhub, of het is beschadigd.</translation>
    </message>
    <message>
        <source>The task hub was written by a newer version of Durable Workbench.</source>
        <translation>De taakhub is geschreven door een nieuwere versie van Durable Workbench.</translation>
    </message>
    <message>
        <source>The file or its folder is not writable.</source>
        <translation>Er kan niet naar het bestand of de map ervan worden geschreven.</translation>
    </message>
    <message>
        <source>The engine is shutting down.</source>
        <translation>De engine wordt afgesloten.</translation>
    </message>
    <message>
        <source>Unknown error.</source>
        <translation>Onbekende fout.</translation>
    </message>
    <message>
        <source>Cannot open the task hub %1.</source>
        <translation>Kan de taakhub %1 niet openen.</translation>
    </message>
    <message>
        <source>Details: %1</source>
        <translation>Details: %1</translation>
    </message>
    <message>
        <source>Replay diverged at action %1: the history has %2, the code now does %3.</source>
        <translation>Het opnieuw afspelen week af bij actie %1: de geschiedenis heeft %2, de code doet nu %3.</translation>
    </message>
    <message>
        <source>Replay diverged at action %1: the history has %2, the code now does nothing there.</source>
        <translation>Het opnieuw afspelen week af bij actie %1: de geschiedenis heeft %2, de code doet daar nu niets.</translation>
    </message>
    <message>
        <source>Replay diverged at action %1: the history ends there, the code now does %2.</source>
        <translation>Het opnieuw afspelen week af bij actie %1: de geschiedenis eindigt daar, de code doet nu %2.</translation>
    </message>
    <message>
        <source>Replay diverged at action %1.</source>
        <translation>Het opnieuw afspelen week af bij actie %1.</translation>
    </message>
    <message>
        <source>The task hub is damaged and can only be read. Run File ▸ Check Integrity and restore the file from a backup.</source>
        <translation>De taakhub is beschadigd en kan alleen nog gelezen worden. Voer Bestand ▸ Integriteit controleren uit en zet het bestand terug uit een back-up.</translation>
    </message>
    <message>
        <source>This path cannot be used as a task hub file.</source>
        <translation>Dit pad kan niet als taakhubbestand worden gebruikt.</translation>
    </message>
    <message>
        <source>The operation was cancelled before it finished; what it had done was undone.</source>
        <translation>De bewerking is geannuleerd voordat ze klaar was; wat ze al had gedaan, is ongedaan gemaakt.</translation>
    </message>
</context>
<context>
    <name>EventNames</name>
    <message>
        <source>Execution started</source>
        <translation>Uitvoering gestart</translation>
    </message>
    <message>
        <source>Execution completed</source>
        <translation>Uitvoering voltooid</translation>
    </message>
    <message>
        <source>Terminated</source>
        <translation>Beëindigd</translation>
    </message>
    <message>
        <source>Activity scheduled</source>
        <translation>Activiteit ingepland</translation>
    </message>
    <message>
        <source>Activity completed</source>
        <translation>Activiteit voltooid</translation>
    </message>
    <message>
        <source>Activity failed</source>
        <translation>Activiteit mislukt</translation>
    </message>
    <message>
        <source>Sub-orchestration started</source>
        <translation>Sub-orkestratie gestart</translation>
    </message>
    <message>
        <source>Sub-orchestration completed</source>
        <translation>Sub-orkestratie voltooid</translation>
    </message>
    <message>
        <source>Sub-orchestration failed</source>
        <translation>Sub-orkestratie mislukt</translation>
    </message>
    <message>
        <source>Timer created</source>
        <translation>Timer aangemaakt</translation>
    </message>
    <message>
        <source>Timer fired</source>
        <translation>Timer afgelopen</translation>
    </message>
    <message>
        <source>Episode started</source>
        <translation>Episode begonnen</translation>
    </message>
    <message>
        <source>Episode ended</source>
        <translation>Episode beëindigd</translation>
    </message>
    <message>
        <source>Event sent</source>
        <translation>Event verstuurd</translation>
    </message>
    <message>
        <source>Event received</source>
        <translation>Event ontvangen</translation>
    </message>
    <message>
        <source>Continued as new</source>
        <translation>Als nieuw voortgezet</translation>
    </message>
    <message>
        <source>Engine event</source>
        <translation>Engine-event</translation>
    </message>
    <message>
        <source>Suspended</source>
        <translation>Gepauzeerd</translation>
    </message>
    <message>
        <source>Resumed</source>
        <translation>Hervat</translation>
    </message>
    <message>
        <source>Rewound</source>
        <translation>Teruggedraaid</translation>
    </message>
    <message>
        <source>Execution failed</source>
        <translation>Uitvoering mislukt</translation>
    </message>
    <message>
        <source>Failure rewound (%1)</source>
        <translation>Fout teruggedraaid (%1)</translation>
    </message>
    <message>
        <source>Replay requested</source>
        <translation>Opnieuw afspelen gevraagd</translation>
    </message>
</context>
<context>
    <name>Headless</name>
    <message>
        <source>Cannot install the SIGTERM/SIGINT handler.</source>
        <translation>Kan de afhandeling van SIGTERM/SIGINT niet installeren.</translation>
    </message>
    <message>
        <source>The HTTP API cannot start: %1</source>
        <translation>De HTTP-API kan niet starten: %1</translation>
    </message>
    <message>
        <source>Task hub: %1</source>
        <translation>Taakhub: %1</translation>
    </message>
    <message>
        <source>HTTP API: %1/</source>
        <translation>HTTP API: %1/</translation>
    </message>
    <message>
        <source>API key: %1</source>
        <translation>API-sleutel: %1</translation>
    </message>
    <message>
        <source>Send SIGTERM or press Ctrl+C to stop.</source>
        <translation>Stuur SIGTERM of druk op Ctrl+C om te stoppen.</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>Gestopt.</translation>
    </message>
    <message>
        <source>Loaded %1</source>
        <translation>%1 geladen</translation>
    </message>
    <message>
        <source>Cannot load the scripts and plugins.</source>
        <translation>Kan de scripts en plug-ins niet laden.</translation>
    </message>
    <message>
        <source>This process runs the hub&apos;s workers now.</source>
        <translation>Dit proces voert nu de workers van de hub uit.</translation>
    </message>
    <message>
        <source>Another process runs the hub&apos;s workers now; this one serves the API.</source>
        <translation>Een ander proces voert nu de workers van de hub uit; dit proces bedient de API.</translation>
    </message>
    <message numerus="yes">
        <source>SDK workers connected: %n</source>
        <translation>
            <numerusform>SDK-workers verbonden: %n</numerusform>
            <numerusform>SDK-workers verbonden: %n</numerusform>
        </translation>
    </message>
    <message>
        <source>The gRPC sidecar cannot start: %1</source>
        <translation>De gRPC-sidecar kan niet starten: %1</translation>
    </message>
    <message>
        <source>The task hub is damaged: it is read-only now (writes are refused with 503). Check it with PRAGMA integrity_check and restore it from a backup. Details: %1</source>
        <translation>De taakhub is beschadigd: hij is nu alleen-lezen (schrijfopdrachten worden met 503 geweigerd). Controleer hem met PRAGMA integrity_check en zet hem terug uit een back-up. Details: %1</translation>
    </message>
    <message>
        <source>HTTP API: off (--no-http)</source>
        <translation>HTTP-API: uit (--no-http)</translation>
    </message>
    <message>
        <source>This process runs workers on the hub.</source>
        <translation>Dit proces voert workers op de hub uit.</translation>
    </message>
    <message>
        <source>This process does not run the hub&apos;s workers (another does).</source>
        <translation>Dit proces voert de workers van de hub niet uit (een ander proces doet dat).</translation>
    </message>
</context>
<context>
    <name>HttpPanel</name>
    <message>
        <source>Serve the HTTP API</source>
        <translation>HTTP-API aanbieden</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopiëren</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Tonen</translation>
    </message>
    <message>
        <source>Regenerate…</source>
        <translation>Opnieuw genereren…</translation>
    </message>
    <message>
        <source>any free port</source>
        <translation>elke vrije poort</translation>
    </message>
    <message>
        <source>not running</source>
        <translation>niet actief</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>&amp;Poort:</translation>
    </message>
    <message>
        <source>&amp;Bind address:</source>
        <translation>&amp;Luisteradres:</translation>
    </message>
    <message>
        <source>Base URL:</source>
        <translation>Basis-URL:</translation>
    </message>
    <message>
        <source>API key:</source>
        <translation>API-sleutel:</translation>
    </message>
    <message>
        <source>Requests:</source>
        <translation>Verzoeken:</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>Verbergen</translation>
    </message>
    <message>
        <source>The HTTP API cannot start: %1</source>
        <translation>De HTTP-API kan niet starten: %1</translation>
    </message>
    <message>
        <source>Kept in the keychain (service “%1”, entry “%2”).</source>
        <translation>Bewaard in de sleutelbos (dienst “%1”, item “%2”).</translation>
    </message>
    <message>
        <source>Kept in the key file %1.</source>
        <translation>Bewaard in het sleutelbestand %1.</translation>
    </message>
    <message>
        <source>“%1” is not an IP address. Use 127.0.0.1 for this computer only, or 0.0.0.0 for all network interfaces.</source>
        <translation>“%1” is geen IP-adres. Gebruik 127.0.0.1 voor alleen deze computer, of 0.0.0.0 voor alle netwerkinterfaces.</translation>
    </message>
    <message>
        <source>The API key could not be replaced: %1</source>
        <translation>De API-sleutel kon niet worden vervangen: %1</translation>
    </message>
    <message>
        <source>Regenerate the API key</source>
        <translation>API-sleutel opnieuw genereren</translation>
    </message>
    <message>
        <source>A new API key replaces the current one at once. Scripts and clients that use the current key will get 401 Unauthorized until they are given the new one.

Regenerate the key?</source>
        <translation>Een nieuwe API-sleutel vervangt de huidige onmiddellijk. Scripts en clients die de huidige sleutel gebruiken krijgen 401 Unauthorized totdat ze de nieuwe sleutel krijgen.

De sleutel opnieuw genereren?</translation>
    </message>
    <message>
        <source>⚠ Not a loopback address: other computers on the network can reach the task hub (the API key is still required).</source>
        <translation>⚠ Geen loopback-adres: andere computers in het netwerk kunnen de taakhub bereiken (de API-sleutel blijft vereist).</translation>
    </message>
    <message>
        <source>Re&amp;try</source>
        <translation>Opnieuw p&amp;roberen</translation>
    </message>
    <message>
        <source>Use a &amp;Key File…</source>
        <translation>&amp;Sleutelbestand gebruiken…</translation>
    </message>
    <message>
        <source>read when the API is switched on or the key is shown</source>
        <translation>gelezen wanneer de API wordt aangezet of de sleutel wordt getoond</translation>
    </message>
    <message>
        <source>Keep the API key in a file only you can read (like --http-key-file), for this session: an existing key file is read, a new one is created</source>
        <translation>Bewaar de API-sleutel voor deze sessie in een bestand dat alleen u kunt lezen (zoals --http-key-file): een bestaand sleutelbestand wordt gelezen, een nieuw wordt aangemaakt</translation>
    </message>
    <message>
        <source>The API key is not available: %1</source>
        <translation>De API-sleutel is niet beschikbaar: %1</translation>
    </message>
    <message>
        <source>Unlock or start the keychain (a Secret Service such as gnome-keyring) and press Retry, or press Use a Key File… to keep the key in a file that only you can read.</source>
        <translation>Ontgrendel of start de sleutelbos (een Secret Service zoals gnome-keyring) en kies Opnieuw proberen, of kies Sleutelbestand gebruiken… om de sleutel te bewaren in een bestand dat alleen u kunt lezen.</translation>
    </message>
    <message>
        <source>Correct the key file and press Retry, or press Use a Key File… to choose another.</source>
        <translation>Herstel het sleutelbestand en kies Opnieuw proberen, of kies Sleutelbestand gebruiken… om een ander te kiezen.</translation>
    </message>
    <message>
        <source>Keep the API Key in a File</source>
        <translation>API-sleutel in een bestand bewaren</translation>
    </message>
    <message>
        <source>Key files (*.key);;All files (*)</source>
        <translation>Sleutelbestanden (*.key);;Alle bestanden (*)</translation>
    </message>
    <message>
        <source>Kept in the key file %1 for this session; start the workbench with --http-key-file %1 to use it from the start.</source>
        <translation>Bewaard in het sleutelbestand %1 voor deze sessie; start de workbench met --http-key-file %1 om het vanaf het begin te gebruiken.</translation>
    </message>
</context>
<context>
    <name>HubCopyCommand</name>
    <message>
        <source>copying</source>
        <translation>kopiëren</translation>
    </message>
    <message>
        <source>verifying</source>
        <translation>controleren</translation>
    </message>
    <message>
        <source>%L1 of %L2 instances</source>
        <translation>%L1 van %L2 instanties</translation>
    </message>
    <message>
        <source>%1: %2% (%L3 of %L4 instances)</source>
        <translation>%1: %2% (%L3 van %L4 instanties)</translation>
    </message>
    <message>
        <source>Verified: %L1 instances, %L2 history events, %L3 messages, %L4 work rows, %L5 log lines and %L6 script versions, identical in both hubs.</source>
        <translation>Gecontroleerd: %L1 instanties, %L2 geschiedenisgebeurtenissen, %L3 berichten, %L4 werkrijen, %L5 logregels en %L6 scriptversies, identiek in beide hubs.</translation>
    </message>
    <message>
        <source>A hub cannot be opened; nothing was copied.</source>
        <translation>Een hub kan niet geopend worden; er is niets gekopieerd.</translation>
    </message>
    <message>
        <source>The copy was refused; nothing was written: %1</source>
        <translation>Het kopiëren is geweigerd; er is niets geschreven: %1</translation>
    </message>
    <message>
        <source>The copy failed; what was copied has been removed again.</source>
        <translation>Het kopiëren is mislukt; wat al gekopieerd was, is weer verwijderd.</translation>
    </message>
    <message>
        <source>The copy was cancelled; what was copied has been removed again.</source>
        <translation>Het kopiëren is geannuleerd; wat al gekopieerd was, is weer verwijderd.</translation>
    </message>
    <message>
        <source>The destination still holds part of the copy: %1</source>
        <translation>Het doel bevat nog een deel van de kopie: %1</translation>
    </message>
    <message>
        <source>Copying %1 to %2…</source>
        <translation>%1 kopiëren naar %2…</translation>
    </message>
</context>
<context>
    <name>HubCopyDialog</name>
    <message>
        <source>Copy Hub To</source>
        <translation>Hub kopiëren naar</translation>
    </message>
    <message>
        <source>Copies every instance, history, log line, message, activity in flight and saved script of %1 into a new hub file, an empty hub file or a PostgreSQL hub (postgresql://user@host/database?hub=NAME), then verifies the copy. This hub closes while it is copied and opens again afterwards.</source>
        <translation>Kopieert elke instantie, geschiedenis, logregel, elk bericht, elke lopende activiteit en elk opgeslagen script van %1 naar een nieuw hubbestand, een leeg hubbestand of een PostgreSQL-hub (postgresql://gebruiker@host/database?hub=NAAM) en controleert daarna de kopie. Deze hub wordt gesloten zolang hij gekopieerd wordt en daarna weer geopend.</translation>
    </message>
    <message>
        <source>File path or postgresql:// URL</source>
        <translation>Bestandspad of postgresql://-URL</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Bladeren…</translation>
    </message>
    <message>
        <source>&amp;Destination:</source>
        <translation>&amp;Doel:</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopiëren</translation>
    </message>
    <message>
        <source>Task hubs (*.sqlite)</source>
        <translation>Taakhubs (*.sqlite)</translation>
    </message>
    <message>
        <source>Copying %1…</source>
        <translation>%1 kopiëren…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuleren</translation>
    </message>
    <message>
        <source>Cancelling: removing what was copied…</source>
        <translation>Annuleren: wat al gekopieerd was, wordt verwijderd…</translation>
    </message>
    <message>
        <source>Copying: %L1 of %L2 instances</source>
        <translation>Kopiëren: %L1 van %L2 instanties</translation>
    </message>
    <message>
        <source>Verifying: %L1 of %L2 instances</source>
        <translation>Controleren: %L1 van %L2 instanties</translation>
    </message>
</context>
<context>
    <name>HubFailureDialog</name>
    <message>
        <source>Durable Workbench</source>
        <translation>Durable Workbench</translation>
    </message>
    <message>
        <source>Choose another task hub, create a new one, or quit.</source>
        <translation>Kies een andere taakhub, maak een nieuwe of sluit af.</translation>
    </message>
    <message>
        <source>&amp;Open Another…</source>
        <translation>Een andere &amp;openen…</translation>
    </message>
    <message>
        <source>&amp;New Hub…</source>
        <translation>&amp;Nieuwe hub…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Afsluiten</translation>
    </message>
</context>
<context>
    <name>HubLocation</name>
    <message>
        <source>%1 on %2</source>
        <extracomment>A PostgreSQL hub in titles and menus: %1 the hub&apos;s name, %2 host/database</extracomment>
        <translation>%1 op %2</translation>
    </message>
</context>
<context>
    <name>HubUpgradeDialog</name>
    <message>
        <source>Upgrading %1 from schema version %2 to %3.</source>
        <translation>%1 wordt bijgewerkt van schemaversie %2 naar %3.</translation>
    </message>
    <message>
        <source>Copying rows: %L1 of %L2</source>
        <translation>Rijen kopiëren: %L1 van %L2</translation>
    </message>
    <message>
        <source>Replacing the old tables and building indexes…</source>
        <translation>De oude tabellen vervangen en indexen opbouwen…</translation>
    </message>
    <message>
        <source>Writing to disk…</source>
        <translation>Naar schijf schrijven…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuleren</translation>
    </message>
    <message>
        <source>Upgrade Hub</source>
        <translation>Hub bijwerken</translation>
    </message>
    <message>
        <source>Cancelling: the hub is left as it was…</source>
        <translation>Annuleren: de hub blijft zoals hij was…</translation>
    </message>
</context>
<context>
    <name>HubWorkersModel</name>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 u</translation>
    </message>
    <message>
        <source>Worker session %1</source>
        <translation>Workersessie %1</translation>
    </message>
    <message>
        <source>Last heartbeat %1 ago, longer than the lease (%2): the worker is gone or stopped, and what it held returns to the hub.</source>
        <translation>Laatste hartslag %1 geleden, langer dan de lease (%2): de worker is weg of gestopt, en wat hij vasthield gaat terug naar de hub.</translation>
    </message>
    <message>
        <source>Last heartbeat %1 ago (%2)</source>
        <translation>Laatste hartslag %1 geleden (%2)</translation>
    </message>
    <message>
        <source>%1 (this process)</source>
        <translation>%1 (dit proces)</translation>
    </message>
    <message>
        <source>%1 ago (lease over)</source>
        <translation>%1 geleden (lease verlopen)</translation>
    </message>
    <message>
        <source>%1 ago</source>
        <translation>%1 geleden</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
    <message>
        <source>Activities the worker runs now</source>
        <translation>Activiteiten die de worker nu uitvoert</translation>
    </message>
    <message>
        <source>Instances whose activities the worker runs now</source>
        <translation>Instanties waarvan de worker nu activiteiten uitvoert</translation>
    </message>
    <message>
        <source>Activity results the worker committed since it started</source>
        <translation>Activiteitresultaten die de worker sinds zijn start heeft vastgelegd</translation>
    </message>
    <message>
        <source>Orchestrator episodes the worker committed since it started</source>
        <translation>Orchestratorepisodes die de worker sinds zijn start heeft vastgelegd</translation>
    </message>
    <message numerus="yes">
        <source>Activities completed per second over the last %n second(s)</source>
        <translation>
            <numerusform>Voltooide activiteiten per seconde over de laatste seconde</numerusform>
            <numerusform>Voltooide activiteiten per seconde over de laatste %n seconden</numerusform>
        </translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Host</translation>
    </message>
    <message>
        <source>PID</source>
        <translation>PID</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Gestart</translation>
    </message>
    <message>
        <source>Last heartbeat</source>
        <translation>Laatste hartslag</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Actief</translation>
    </message>
    <message>
        <source>Instances</source>
        <translation>Instanties</translation>
    </message>
    <message>
        <source>Activities done</source>
        <translation>Activiteiten klaar</translation>
    </message>
    <message>
        <source>Episodes done</source>
        <translation>Episodes klaar</translation>
    </message>
    <message>
        <source>Activities/s</source>
        <translation>Activiteiten/s</translation>
    </message>
</context>
<context>
    <name>HubWorkersPanel</name>
    <message>
        <source>Worker processes of the hub</source>
        <translation>Workerprocessen van de hub</translation>
    </message>
    <message>
        <source>Hub throughput</source>
        <translation>Doorvoer van de hub</translation>
    </message>
    <message>
        <source>Cannot read the hub&apos;s workers.</source>
        <translation>Kan de workers van de hub niet lezen.</translation>
    </message>
    <message>
        <source>No process runs workers on this hub: instances wait until one does.</source>
        <translation>Geen enkel proces voert workers op deze hub uit: instanties wachten tot er een is.</translation>
    </message>
    <message>
        <source>Worker processes: %1 · activities running: %2 · activities/s: %3</source>
        <translation>Workerprocessen: %1 · activiteiten actief: %2 · activiteiten/s: %3</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Task hub: %1</source>
        <translation>Taakhub: %1</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>Beel&amp;d</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Bestand</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Afsluiten</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>&amp;About Durable Workbench</source>
        <translation>&amp;Over Durable Workbench</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Over &amp;Qt</translation>
    </message>
    <message>
        <source>About Durable Workbench</source>
        <translation>Over Durable Workbench</translation>
    </message>
    <message>
        <source>%1 — Durable Workbench</source>
        <translation>%1 — Durable Workbench</translation>
    </message>
    <message>
        <source>&amp;New Hub…</source>
        <translation>&amp;Nieuwe hub…</translation>
    </message>
    <message>
        <source>Create a new task hub file and switch to it</source>
        <translation>Een nieuw taakhubbestand maken en erheen overschakelen</translation>
    </message>
    <message>
        <source>&amp;Open Hub…</source>
        <translation>Hub &amp;openen…</translation>
    </message>
    <message>
        <source>Switch to another task hub file</source>
        <translation>Overschakelen naar een ander taakhubbestand</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>&amp;Recent geopend</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>&amp;Sneltoetsen</translation>
    </message>
    <message>
        <source>%1 (missing)</source>
        <translation>%1 (ontbreekt)</translation>
    </message>
    <message>
        <source>No recent hubs</source>
        <translation>Geen recente hubs</translation>
    </message>
    <message>
        <source>&amp;Clear Menu</source>
        <translation>Menu &amp;wissen</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Durable Workbench %1&lt;/h3&gt;&lt;p&gt;Runs durable orchestrations on an embedded SQLite task hub and shows their instances, histories and logs.&lt;/p&gt;&lt;p&gt;Task hub: %2&lt;br&gt;Schema version: %3&lt;/p&gt;&lt;p&gt;Qt %4 · SQLite %5&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Durable Workbench %1&lt;/h3&gt;&lt;p&gt;Voert duurzame orkestraties uit op een ingebouwde SQLite-taakhub en toont hun instanties, geschiedenis en logboeken.&lt;/p&gt;&lt;p&gt;Taakhub: %2&lt;br&gt;Schemaversie: %3&lt;/p&gt;&lt;p&gt;Qt %4 · SQLite %5&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Open Hub at &amp;URL…</source>
        <translation>Hub openen via &amp;URL…</translation>
    </message>
    <message>
        <source>Attach to a task hub on a PostgreSQL server, shared with its worker processes</source>
        <translation>Koppelen aan een taakhub op een PostgreSQL-server, gedeeld met zijn workerprocessen</translation>
    </message>
</context>
<context>
    <name>RequestLogModel</name>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Tijd</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Pad</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Duur</translation>
    </message>
    <message>
        <source>client gone</source>
        <translation>client weg</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Window</source>
        <translation>Venster</translation>
    </message>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>Sneltoetsen</translation>
    </message>
    <message>
        <source>&amp;Search:</source>
        <translation>&amp;Zoeken:</translation>
    </message>
    <message>
        <source>Menu, action or keys</source>
        <translation>Menu, actie of toetsen</translation>
    </message>
    <message>
        <source>Menu</source>
        <translation>Menu</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Actie</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>Sneltoets</translation>
    </message>
</context>
<context>
    <name>WorkLogModel</name>
    <message>
        <source>handed out</source>
        <translation>uitgegeven</translation>
    </message>
    <message>
        <source>returned</source>
        <translation>teruggegeven</translation>
    </message>
    <message>
        <source>completed</source>
        <translation>voltooid</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>geweigerd</translation>
    </message>
    <message>
        <source>orchestration</source>
        <translation>orkestratie</translation>
    </message>
    <message>
        <source>activity</source>
        <translation>activiteit</translation>
    </message>
    <message>
        <source>The worker gave the item back (or disconnected): it goes to the next worker.</source>
        <translation>De worker gaf het werkitem terug (of verbrak de verbinding): het gaat naar de volgende worker.</translation>
    </message>
    <message>
        <source>A result for an item that is no longer handed out (already completed or given to another worker) was ignored.</source>
        <translation>Een resultaat voor een werkitem dat niet meer uitgegeven is (al voltooid of aan een andere worker gegeven) is genegeerd.</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Tijd</translation>
    </message>
    <message>
        <source>Worker</source>
        <translation>Worker</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Gebeurtenis</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Soort</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Naam</translation>
    </message>
    <message>
        <source>Instance</source>
        <translation>Instantie</translation>
    </message>
</context>
<context>
    <name>Workbench</name>
    <message>
        <source>Designer</source>
        <translation>Ontwerper</translation>
    </message>
    <message>
        <source>HTTP API</source>
        <translation>HTTP-API</translation>
    </message>
    <message>
        <source>&amp;Load App…</source>
        <translation>App &amp;laden…</translation>
    </message>
    <message>
        <source>Load a C++ plugin that registers orchestrators and activities</source>
        <translation>Een C++-plug-in laden die orchestrators en activiteiten registreert</translation>
    </message>
    <message numerus="yes">
        <source>Loaded %1: %n orchestrator(s)</source>
        <translation>
            <numerusform>%1 geladen: %n orchestrator</numerusform>
            <numerusform>%1 geladen: %n orchestrators</numerusform>
        </translation>
    </message>
    <message>
        <source>Load App</source>
        <translation>App laden</translation>
    </message>
    <message>
        <source>Plugins (*.so);;All files (*)</source>
        <translation>Plug-ins (*.so);;Alle bestanden (*)</translation>
    </message>
    <message>
        <source>Cannot load the scripts and plugins.</source>
        <translation>Kan de scripts en plug-ins niet laden.</translation>
    </message>
    <message>
        <source>Saved scripts could not all be loaded.</source>
        <translation>Niet alle opgeslagen scripts konden worden geladen.</translation>
    </message>
    <message>
        <source>Could not load %1.</source>
        <translation>Kan %1 niet laden.</translation>
    </message>
    <message>
        <source>Workers</source>
        <translation>Workers</translation>
    </message>
    <message>
        <source>SDK workers connected over the Durable Task sidecar (gRPC)</source>
        <translation>SDK-workers die via de Durable Task-sidecar (gRPC) verbonden zijn</translation>
    </message>
    <message>
        <source>Check &amp;Integrity</source>
        <translation>&amp;Integriteit controleren</translation>
    </message>
    <message>
        <source>Read the whole task hub file and report damaged pages (PRAGMA integrity_check)</source>
        <translation>Het hele taakhubbestand lezen en beschadigde pagina&apos;s melden (PRAGMA integrity_check)</translation>
    </message>
    <message>
        <source>Open Hub</source>
        <translation>Hub openen</translation>
    </message>
    <message>
        <source>Task hubs (*.sqlite);;All files (*)</source>
        <translation>Taakhubs (*.sqlite);;Alle bestanden (*)</translation>
    </message>
    <message>
        <source>New Hub</source>
        <translation>Nieuwe hub</translation>
    </message>
    <message>
        <source>Task hubs (*.sqlite)</source>
        <translation>Taakhubs (*.sqlite)</translation>
    </message>
    <message>
        <source>%1 is already open.</source>
        <translation>%1 is al geopend.</translation>
    </message>
    <message>
        <source>The HTTP API serves the new hub at %1.</source>
        <translation>De HTTP-API bedient de nieuwe hub op %1.</translation>
    </message>
    <message>
        <source>The HTTP API could not serve the new hub and is off: %1</source>
        <translation>De HTTP-API kan de nieuwe hub niet bedienen en staat uit: %1</translation>
    </message>
    <message>
        <source>The Workers sidecar serves the new hub at %1.</source>
        <translation>De workers-sidecar bedient de nieuwe hub op %1.</translation>
    </message>
    <message>
        <source>The Workers sidecar could not serve the new hub and is off.</source>
        <translation>De workers-sidecar kan de nieuwe hub niet bedienen en staat uit.</translation>
    </message>
    <message>
        <source>Opened %1.</source>
        <translation>%1 geopend.</translation>
    </message>
    <message>
        <source>%1 already exists. Open it with File ▸ Open Hub… or choose a new name.</source>
        <translation>%1 bestaat al. Open het met Bestand ▸ Hub openen… of kies een nieuwe naam.</translation>
    </message>
    <message>
        <source>Another hub is being opened: wait until it is open.</source>
        <translation>Er wordt al een andere hub geopend: wacht tot die open is.</translation>
    </message>
    <message>
        <source>The API key is being read from the keychain: open the other hub when that is done.</source>
        <translation>De API-sleutel wordt uit de sleutelbos gelezen: open de andere hub als dat klaar is.</translation>
    </message>
    <message>
        <source>A bulk action is running on %1. Stop it or wait until it is done, then open the other hub.</source>
        <translation>Er loopt een bulkactie op %1. Stop die of wacht tot ze klaar is en open daarna de andere hub.</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>%1 openen…</translation>
    </message>
    <message>
        <source>Closing %1: waiting for running activities…</source>
        <translation>%1 sluiten: wachten op lopende activiteiten…</translation>
    </message>
    <message>
        <source>&amp;Copy Hub To…</source>
        <translation>Hub &amp;kopiëren naar…</translation>
    </message>
    <message>
        <source>Copy the open hub into a new hub file or a PostgreSQL hub, verified</source>
        <translation>De geopende hub naar een nieuw hubbestand of een PostgreSQL-hub kopiëren, met controle</translation>
    </message>
    <message>
        <source>The hub is being opened or the API key read: copy it when that is done.</source>
        <translation>De hub wordt geopend of de API-sleutel wordt gelezen: kopieer hem als dat klaar is.</translation>
    </message>
    <message>
        <source>A bulk action is running: stop it or wait until it is done, then copy the hub.</source>
        <translation>Er loopt een bulkactie: stop die of wacht tot ze klaar is en kopieer daarna de hub.</translation>
    </message>
    <message>
        <source>The workers of this hub run in another process (%1, pid %2). Stop it first, then copy the hub.</source>
        <translation>De workers van deze hub draaien in een ander proces (%1, pid %2). Stop dat eerst en kopieer daarna de hub.</translation>
    </message>
    <message>
        <source>Closing %1 for the copy: waiting for running activities…</source>
        <translation>%1 sluiten voor het kopiëren: wachten op lopende activiteiten…</translation>
    </message>
    <message>
        <source>Copy Hub To</source>
        <translation>Hub kopiëren naar</translation>
    </message>
    <message>
        <source>Copied to %1.</source>
        <translation>Gekopieerd naar %1.</translation>
    </message>
    <message>
        <source>The hub was not copied.</source>
        <translation>De hub is niet gekopieerd.</translation>
    </message>
    <message>
        <source>Hub Workers</source>
        <translation>Hubworkers</translation>
    </message>
    <message>
        <source>The processes that run workers on this hub, what each holds and the hub&apos;s throughput</source>
        <translation>De processen die workers op deze hub uitvoeren, wat elk vasthoudt en de doorvoer van de hub</translation>
    </message>
    <message>
        <source>Open Hub at URL</source>
        <translation>Hub openen via URL</translation>
    </message>
    <message>
        <source>PostgreSQL hub, shared by worker processes (the password comes from ~/.pgpass or PGPASSFILE):</source>
        <translation>PostgreSQL-hub, gedeeld door workerprocessen (het wachtwoord komt uit ~/.pgpass of PGPASSFILE):</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a hub URL: it starts with postgresql:// (files open with File ▸ Open Hub…).</source>
        <translation>&quot;%1&quot; is geen hub-URL: die begint met postgresql:// (bestanden open je met Bestand ▸ Hub openen…).</translation>
    </message>
    <message>
        <source>&amp;Export List…</source>
        <translation>Lijst &amp;exporteren…</translation>
    </message>
    <message>
        <source>Write every instance the list&apos;s filters match to a CSV or JSON file</source>
        <translation>Elke instantie die aan de filters van de lijst voldoet naar een CSV- of JSON-bestand schrijven</translation>
    </message>
    <message>
        <source>&amp;Export Instance…</source>
        <translation>Instantie e&amp;xporteren…</translation>
    </message>
    <message>
        <source>Write the current instance and its sub-orchestrations to a repro bundle file</source>
        <translation>De huidige instantie en haar sub-orkestraties naar een reprobundel schrijven</translation>
    </message>
    <message>
        <source>&amp;Import Bundle…</source>
        <translation>Bundel i&amp;mporteren…</translation>
    </message>
    <message>
        <source>Load a repro bundle into this hub as read-only instances</source>
        <translation>Een reprobundel als alleen-lezen instanties in deze hub laden</translation>
    </message>
    <message>
        <source>The instance could not be read.</source>
        <translation>De instantie kon niet gelezen worden.</translation>
    </message>
    <message>
        <source>Cannot write &apos;%1&apos;: %2</source>
        <translation>Kan &apos;%1&apos; niet schrijven: %2</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is %2 MB; repro bundles are at most %3 MB.</source>
        <translation>&apos;%1&apos; is %2 MB; reprobundels zijn hoogstens %3 MB.</translation>
    </message>
    <message>
        <source>Cannot read &apos;%1&apos;: %2</source>
        <translation>Kan &apos;%1&apos; niet lezen: %2</translation>
    </message>
    <message>
        <source>&apos;%1&apos; was not imported; nothing was changed.</source>
        <translation>&apos;%1&apos; is niet geïmporteerd; er is niets veranderd.</translation>
    </message>
    <message>
        <source>The script of %1 does not load in this version; its instances cannot be forked here.</source>
        <translation>Het script van %1 laadt niet in deze versie; zijn instanties kunnen hier niet afgesplitst worden.</translation>
    </message>
    <message>
        <source>Export Instance</source>
        <translation>Instantie exporteren</translation>
    </message>
    <message>
        <source>Select an instance to export first.</source>
        <translation>Selecteer eerst een instantie om te exporteren.</translation>
    </message>
    <message>
        <source>Repro bundles (*.json)</source>
        <translation>Reprobundels (*.json)</translation>
    </message>
    <message>
        <source>Exported %1 to %2</source>
        <translation>%1 geëxporteerd naar %2</translation>
    </message>
    <message>
        <source>Import Bundle</source>
        <translation>Bundel importeren</translation>
    </message>
    <message>
        <source>Repro bundles (*.json);;All files (*)</source>
        <translation>Reprobundels (*.json);;Alle bestanden (*)</translation>
    </message>
    <message numerus="yes">
        <source>Imported %n instance(s) as read-only</source>
        <translation>
            <numerusform>%n instantie als alleen-lezen geïmporteerd</numerusform>
            <numerusform>%n instanties als alleen-lezen geïmporteerd</numerusform>
        </translation>
    </message>
    <message>
        <source>The upgrade of %1 was cancelled; it keeps its version, and %2 stays open.</source>
        <translation>Het bijwerken van %1 is geannuleerd; de hub houdt zijn versie en %2 blijft open.</translation>
    </message>
</context>
<context>
    <name>WorkerTableModel</name>
    <message>
        <source>none yet</source>
        <translation>nog geen</translation>
    </message>
    <message>
        <source>Worker %1 at %2</source>
        <translation>Worker %1 op %2</translation>
    </message>
    <message>
        <source>Worker</source>
        <translation>Worker</translation>
    </message>
    <message>
        <source>Connected since</source>
        <translation>Verbonden sinds</translation>
    </message>
    <message>
        <source>Steps in flight</source>
        <translation>Stappen onderweg</translation>
    </message>
    <message>
        <source>Activities in flight</source>
        <translation>Activiteiten onderweg</translation>
    </message>
    <message>
        <source>Last activity</source>
        <translation>Laatst actief</translation>
    </message>
</context>
<context>
    <name>WorkersPanel</name>
    <message>
        <source>&amp;Serve the sidecar for SDK workers (gRPC)</source>
        <translation>&amp;Sidecar voor SDK-workers aanbieden (gRPC)</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopiëren</translation>
    </message>
    <message>
        <source>Serve the sidecar</source>
        <translation>Sidecar aanbieden</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Poort</translation>
    </message>
    <message>
        <source>any free port</source>
        <translation>elke vrije poort</translation>
    </message>
    <message>
        <source>Bind address</source>
        <translation>Luisteradres</translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation>Eindpunt</translation>
    </message>
    <message>
        <source>not running</source>
        <translation>niet actief</translation>
    </message>
    <message>
        <source>Copy the endpoint</source>
        <translation>Het eindpunt kopiëren</translation>
    </message>
    <message>
        <source>Connected SDK workers</source>
        <translation>Verbonden SDK-workers</translation>
    </message>
    <message>
        <source>Work item log</source>
        <translation>Logboek van werkitems</translation>
    </message>
    <message>
        <source>&amp;Bind address:</source>
        <translation>&amp;Luisteradres:</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>&amp;Poort:</translation>
    </message>
    <message>
        <source>&amp;Endpoint:</source>
        <translation>&amp;Eindpunt:</translation>
    </message>
    <message>
        <source>Connected &amp;workers:</source>
        <translation>Verbonden &amp;workers:</translation>
    </message>
    <message>
        <source>“%1” is not an IP address. Use 127.0.0.1 for this computer only, or 0.0.0.0 for all network interfaces.</source>
        <translation>“%1” is geen IP-adres. Gebruik 127.0.0.1 voor alleen deze computer, of 0.0.0.0 voor alle netwerkinterfaces.</translation>
    </message>
    <message>
        <source>The sidecar cannot serve on %1 without the API key: %2</source>
        <translation>De sidecar kan zonder de API-sleutel niet op %1 luisteren: %2</translation>
    </message>
    <message>
        <source>The sidecar cannot listen on %1 port %2: another program uses that port, or the address does not belong to this computer. Choose another port (0 picks a free one) and switch it on again.</source>
        <translation>De sidecar kan niet luisteren op %1 poort %2: een ander programma gebruikt die poort, of het adres hoort niet bij deze computer. Kies een andere poort (0 kiest een vrije) en zet de sidecar opnieuw aan.</translation>
    </message>
    <message>
        <source>The sidecar cannot start: %1</source>
        <translation>De sidecar kan niet starten: %1</translation>
    </message>
    <message>
        <source>⚠ Not a loopback address: other computers on the network can reach the task hub. SDK apps must then send the HTTP API&apos;s key as the metadata “authorization: Bearer KEY”.</source>
        <translation>⚠ Geen loopback-adres: andere computers in het netwerk kunnen de taakhub bereiken. SDK-apps moeten dan de sleutel van de HTTP-API meesturen als metadata “authorization: Bearer SLEUTEL”.</translation>
    </message>
    <message>
        <source>SDK apps connect with new TaskHubGrpcWorker({ hostAddress: &quot;%1&quot; }) and new TaskHubGrpcClient({ hostAddress: &quot;%1&quot; }) (@microsoft/durabletask-js); other SDKs take the same address.</source>
        <translation>SDK-apps verbinden met new TaskHubGrpcWorker({ hostAddress: &quot;%1&quot; }) en new TaskHubGrpcClient({ hostAddress: &quot;%1&quot; }) (@microsoft/durabletask-js); andere SDK&apos;s gebruiken hetzelfde adres.</translation>
    </message>
    <message>
        <source>Wor&amp;k items:</source>
        <translation>Wer&amp;kitems:</translation>
    </message>
</context>
<context>
    <name>durable::Registry</name>
    <message>
        <source>Chaining: appends &quot;&gt;F1&quot;. Fan-out: returns the work items 1..N.</source>
        <translation>Keten: voegt &quot;&gt;F1&quot; toe. Fan-out: geeft de werkitems 1..N.</translation>
    </message>
    <message>
        <source>Chaining: appends &quot;&gt;F2&quot;. Fan-out: returns x*x (after delayMs).</source>
        <translation>Keten: voegt &quot;&gt;F2&quot; toe. Fan-out: geeft x*x (na delayMs).</translation>
    </message>
    <message>
        <source>Chaining: appends &quot;&gt;F3&quot;. Fan-out: receives the sum.</source>
        <translation>Keten: voegt &quot;&gt;F3&quot; toe. Fan-out: ontvangt de som.</translation>
    </message>
    <message>
        <source>Chaining: appends &quot;&gt;F4&quot;.</source>
        <translation>Keten: voegt &quot;&gt;F4&quot; toe.</translation>
    </message>
    <message>
        <source>Pattern 1: F1, F2, F3, F4 in sequence, each appending to the input.</source>
        <translation>Patroon 1: F1, F2, F3, F4 na elkaar, elk voegt iets toe aan de invoer.</translation>
    </message>
    <message>
        <source>Pattern 2: N parallel squares (F2), summed by F3.</source>
        <translation>Patroon 2: N kwadraten tegelijk (F2), opgeteld door F3.</translation>
    </message>
    <message>
        <source>Pattern 3: a long-running job reporting progress in its custom status.</source>
        <translation>Patroon 3: een langlopende taak die zijn voortgang in zijn eigen status meldt.</translation>
    </message>
    <message>
        <source>Pattern 4: polls a job on a durable timer until done or expired.</source>
        <translation>Patroon 4: vraagt een taak op een duurzame timer af tot hij klaar of verlopen is.</translation>
    </message>
    <message>
        <source>Pattern 5: waits 72 hours for ApprovalEvent, else escalates.</source>
        <translation>Patroon 5: wacht 72 uur op ApprovalEvent en escaleert anders.</translation>
    </message>
    <message>
        <source>Child of SubOrchestrationWithRetry: a flaky activity under a retry policy.</source>
        <translation>Kind van SubOrchestrationWithRetry: een onbetrouwbare activiteit onder een herhaalbeleid.</translation>
    </message>
    <message>
        <source>Calls RetryChild, whose activity fails twice before succeeding.</source>
        <translation>Roept RetryChild aan, waarvan de activiteit twee keer mislukt voordat hij slaagt.</translation>
    </message>
    <message>
        <source>Counts forever, continuing as new every three iterations.</source>
        <translation>Telt eindeloos door en gaat elke drie rondes verder als nieuw.</translation>
    </message>
</context>
<context>
    <name>durable::models::ApprovalInboxModel</name>
    <message>
        <source>%1 (in %2)</source>
        <translation>%1 (over %2)</translation>
    </message>
    <message>
        <source>Instance</source>
        <translation>Instantie</translation>
    </message>
    <message>
        <source>Orchestrator</source>
        <translation>Orchestrator</translation>
    </message>
    <message>
        <source>Awaited events</source>
        <translation>Verwachte gebeurtenissen</translation>
    </message>
    <message>
        <source>Waiting for</source>
        <translation>Wacht op</translation>
    </message>
    <message>
        <source>Timer due</source>
        <translation>Timer verloopt</translation>
    </message>
    <message>
        <source>in %1</source>
        <translation>over %1</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Verzoek</translation>
    </message>
</context>
<context>
    <name>durable::models::BulkJob</name>
    <message>
        <source>already finished</source>
        <translation>al afgelopen</translation>
    </message>
    <message>
        <source>finished: it takes no events</source>
        <translation>afgelopen: neemt geen events meer aan</translation>
    </message>
    <message>
        <source>already suspended</source>
        <translation>al gepauzeerd</translation>
    </message>
    <message>
        <source>not suspended</source>
        <translation>niet gepauzeerd</translation>
    </message>
    <message>
        <source>not finished yet</source>
        <translation>nog niet afgelopen</translation>
    </message>
    <message>
        <source>no longer exists</source>
        <translation>bestaat niet meer</translation>
    </message>
    <message>
        <source>its status changed meanwhile</source>
        <translation>de status is intussen veranderd</translation>
    </message>
</context>
<context>
    <name>durable::models::CatalogModel</name>
    <message>
        <source>Orchestrator</source>
        <translation>Orchestrator</translation>
    </message>
    <message>
        <source>Versions</source>
        <translation>Versies</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschrijving</translation>
    </message>
    <message>
        <source>Activity %1 runs in an SDK worker connected over the Durable Task sidecar (gRPC). It is listed because a worker was handed work for it since the hub was opened.</source>
        <translation>Activiteit %1 draait in een SDK-worker die via de Durable Task-sidecar (gRPC) verbonden is. Ze staat in de lijst omdat een worker er werk voor kreeg sinds de hub geopend is.</translation>
    </message>
    <message>
        <source>Orchestrator %1 runs in an SDK worker connected over the Durable Task sidecar (gRPC). It is listed because a worker was handed work for it since the hub was opened; start it from the SDK&apos;s client.</source>
        <translation>Orchestrator %1 draait in een SDK-worker die via de Durable Task-sidecar (gRPC) verbonden is. Hij staat in de lijst omdat een worker er werk voor kreeg sinds de hub geopend is; start hem met de client van de SDK.</translation>
    </message>
    <message>
        <source>Activity — remote (SDK worker)</source>
        <translation>Activiteit — extern (SDK-worker)</translation>
    </message>
    <message>
        <source>Orchestrator — remote (SDK worker)</source>
        <translation>Orchestrator — extern (SDK-worker)</translation>
    </message>
</context>
<context>
    <name>durable::models::HistoryDiffModel</name>
    <message>
        <source>Activity %1</source>
        <translation>Activiteit %1</translation>
    </message>
    <message>
        <source>Sub-orchestration %1</source>
        <translation>Sub-orchestratie %1</translation>
    </message>
    <message>
        <source>Timer #%1</source>
        <translation>Timer #%1</translation>
    </message>
    <message>
        <source>The run</source>
        <translation>De uitvoering</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>mislukt</translation>
    </message>
    <message>
        <source>terminated</source>
        <translation>beëindigd</translation>
    </message>
    <message>
        <source>continued as new</source>
        <translation>als nieuw voortgezet</translation>
    </message>
    <message>
        <source>completed</source>
        <translation>voltooid</translation>
    </message>
    <message>
        <source>recorded</source>
        <translation>vastgelegd</translation>
    </message>
    <message>
        <source>not completed</source>
        <translation>niet voltooid</translation>
    </message>
    <message>
        <source>fired</source>
        <translation>afgegaan</translation>
    </message>
    <message>
        <source>start</source>
        <translation>start</translation>
    </message>
    <message>
        <source>end</source>
        <translation>einde</translation>
    </message>
    <message>
        <source>timer #%1</source>
        <translation>timer #%1</translation>
    </message>
    <message>
        <source>event %1 (%2)</source>
        <translation>gebeurtenis %1 (%2)</translation>
    </message>
    <message>
        <source>event %1</source>
        <translation>gebeurtenis %1</translation>
    </message>
    <message>
        <source>Diverges at event %1: %2 %3 on the left, %4 on the right.</source>
        <translation>Wijkt af bij gebeurtenis %1: %2 links %3, rechts %4.</translation>
    </message>
    <message>
        <source>Diverges at event %1: %2 only on the left.</source>
        <translation>Wijkt af bij gebeurtenis %1: %2 alleen links.</translation>
    </message>
    <message>
        <source>Diverges at event %1: %2 only on the right.</source>
        <translation>Wijkt af bij gebeurtenis %1: %2 alleen rechts.</translation>
    </message>
    <message>
        <source>Identical actions; outputs differ at %1.</source>
        <translation>Dezelfde acties; de uitvoer verschilt bij %1.</translation>
    </message>
    <message>
        <source>Identical actions; inputs differ at %1.</source>
        <translation>Dezelfde acties; de invoer verschilt bij %1.</translation>
    </message>
    <message>
        <source>Identical actions, inputs and outputs.</source>
        <translation>Dezelfde acties, invoer en uitvoer.</translation>
    </message>
    <message>
        <source>%1 took %2 vs %3.</source>
        <translation>%1 duurde %2 tegen %3.</translation>
    </message>
    <message numerus="yes">
        <source>%n action(s) completed in another order.</source>
        <translation>
            <numerusform>%n actie is in een andere volgorde voltooid.</numerusform>
            <numerusform>%n acties zijn in een andere volgorde voltooid.</numerusform>
        </translation>
    </message>
    <message>
        <source>one side only</source>
        <translation>alleen aan één kant</translation>
    </message>
    <message>
        <source>outcome</source>
        <translation>afloop</translation>
    </message>
    <message>
        <source>input</source>
        <translation>invoer</translation>
    </message>
    <message>
        <source>output</source>
        <translation>uitvoer</translation>
    </message>
    <message>
        <source>timing</source>
        <translation>duur</translation>
    </message>
    <message>
        <source>order</source>
        <translation>volgorde</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Actie</translation>
    </message>
    <message>
        <source>Left: events</source>
        <translation>Links: gebeurtenissen</translation>
    </message>
    <message>
        <source>Left: outcome</source>
        <translation>Links: afloop</translation>
    </message>
    <message>
        <source>Left: took</source>
        <translation>Links: duur</translation>
    </message>
    <message>
        <source>Right: events</source>
        <translation>Rechts: gebeurtenissen</translation>
    </message>
    <message>
        <source>Right: outcome</source>
        <translation>Rechts: afloop</translation>
    </message>
    <message>
        <source>Right: took</source>
        <translation>Rechts: duur</translation>
    </message>
    <message>
        <source>Ratio</source>
        <translation>Verhouding</translation>
    </message>
    <message>
        <source>Differs in</source>
        <translation>Verschilt in</translation>
    </message>
</context>
<context>
    <name>durable::models::HistoryModel</name>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Gebeurtenis</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>Id</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Naam</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Tijd</translation>
    </message>
    <message>
        <source>Payload</source>
        <translation>Gegevens</translation>
    </message>
</context>
<context>
    <name>durable::models::InstanceListModel</name>
    <message>
        <source>Instance</source>
        <translation>Instantie</translation>
    </message>
    <message>
        <source>Orchestrator</source>
        <translation>Orchestrator</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Aangemaakt</translation>
    </message>
    <message>
        <source>Last updated</source>
        <translation>Laatst bijgewerkt</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Duur</translation>
    </message>
    <message>
        <source>Custom status</source>
        <translation>Aangepaste status</translation>
    </message>
    <message>
        <source>Parent</source>
        <translation>Bovenliggend</translation>
    </message>
    <message>
        <source>%1 · imported</source>
        <translation>%1 · geïmporteerd</translation>
    </message>
</context>
<context>
    <name>durable::models::LogModel</name>
    <message>
        <source>Logged again while the orchestrator replayed its history (history event #%1)</source>
        <translation>Opnieuw gelogd terwijl de orchestrator zijn geschiedenis opnieuw afspeelde (geschiedenisgebeurtenis #%1)</translation>
    </message>
    <message>
        <source>History event #%1</source>
        <translation>Geschiedenisgebeurtenis #%1</translation>
    </message>
    <message>
        <source>replay</source>
        <translation>herhaling</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Tijd</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Niveau</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Bron</translation>
    </message>
    <message>
        <source>Replay</source>
        <translation>Herhaling</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Bericht</translation>
    </message>
</context>
<context>
    <name>durable::views::ApprovalInbox</name>
    <message>
        <source>&amp;Approve</source>
        <translation>&amp;Goedkeuren</translation>
    </message>
    <message>
        <source>Re&amp;ject</source>
        <translation>&amp;Afwijzen</translation>
    </message>
    <message>
        <source>Raise…</source>
        <translation>Versturen…</translation>
    </message>
    <message>
        <source>Fire timer now</source>
        <translation>Timer nu laten aflopen</translation>
    </message>
    <message>
        <source>Send the awaited approval event with payload true</source>
        <translation>Het verwachte goedkeuringsevent versturen met payload true</translation>
    </message>
    <message>
        <source>Send the awaited approval event with payload false</source>
        <translation>Het verwachte goedkeuringsevent versturen met payload false</translation>
    </message>
    <message>
        <source>Select a waiting instance first</source>
        <translation>Selecteer eerst een wachtende instantie</translation>
    </message>
    <message>
        <source>Make the racing timer due now</source>
        <translation>De concurrerende timer nu laten aflopen</translation>
    </message>
    <message>
        <source>No timer races this wait</source>
        <translation>Geen timer concurreert met deze wachttijd</translation>
    </message>
    <message>
        <source>&amp;Open instance</source>
        <translation>Instantie &amp;openen</translation>
    </message>
    <message>
        <source>The answer is on its way</source>
        <translation>Het antwoord is onderweg</translation>
    </message>
    <message>
        <source>Select a row to see its request.</source>
        <translation>Selecteer een rij om het verzoek te zien.</translation>
    </message>
    <message>
        <source>%1 awaits %2. Request: %3</source>
        <translation>%1 wacht op %2. Verzoek: %3</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(geen)</translation>
    </message>
</context>
<context>
    <name>durable::views::Banner</name>
    <message>
        <source>Dismiss</source>
        <translation>Sluiten</translation>
    </message>
</context>
<context>
    <name>durable::views::BulkActions</name>
    <message>
        <source>Terminate</source>
        <translation>Beëindigen</translation>
    </message>
    <message>
        <source>Suspend</source>
        <translation>Pauzeren</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Hervatten</translation>
    </message>
    <message>
        <source>Raise the event to</source>
        <translation>Event versturen naar</translation>
    </message>
    <message>
        <source>Restart (under new ids)</source>
        <translation>Opnieuw starten (onder nieuwe id&apos;s)</translation>
    </message>
    <message>
        <source>Purge</source>
        <translation>Wissen</translation>
    </message>
    <message numerus="yes">
        <source>Terminated %1 of %n instance(s).</source>
        <translation>
            <numerusform>%1 van %n instantie beëindigd.</numerusform>
            <numerusform>%1 van %n instanties beëindigd.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Suspended %1 of %n instance(s).</source>
        <translation>
            <numerusform>%1 van %n instantie gepauzeerd.</numerusform>
            <numerusform>%1 van %n instanties gepauzeerd.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Resumed %1 of %n instance(s).</source>
        <translation>
            <numerusform>%1 van %n instantie hervat.</numerusform>
            <numerusform>%1 van %n instanties hervat.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Raised the event to %1 of %n instance(s).</source>
        <translation>
            <numerusform>Event verstuurd naar %1 van %n instantie.</numerusform>
            <numerusform>Event verstuurd naar %1 van %n instanties.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Restarted %1 of %n instance(s).</source>
        <translation>
            <numerusform>%1 van %n instantie opnieuw gestart.</numerusform>
            <numerusform>%1 van %n instanties opnieuw gestart.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Purged %1 of %n instance(s).</source>
        <translation>
            <numerusform>%1 van %n instantie gewist.</numerusform>
            <numerusform>%1 van %n instanties gewist.</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Terminate all filtered…</source>
        <translation>Alle gefilterde &amp;beëindigen…</translation>
    </message>
    <message>
        <source>S&amp;uspend all filtered…</source>
        <translation>Alle gefilterde &amp;pauzeren…</translation>
    </message>
    <message>
        <source>&amp;Raise event to all filtered…</source>
        <translation>Event &amp;versturen naar alle gefilterde…</translation>
    </message>
    <message>
        <source>Rest&amp;art all filtered…</source>
        <translation>Alle gefilterde &amp;opnieuw starten…</translation>
    </message>
    <message>
        <source>&amp;Purge all filtered…</source>
        <translation>Alle gefilterde &amp;wissen…</translation>
    </message>
    <message>
        <source>All &amp;filtered instances</source>
        <translation>Alle &amp;gefilterde instanties</translation>
    </message>
    <message>
        <source>status %1</source>
        <translation>status %1</translation>
    </message>
    <message>
        <source>name %1</source>
        <translation>naam %1</translation>
    </message>
    <message>
        <source>id starting with &quot;%1&quot;</source>
        <translation>id begint met &quot;%1&quot;</translation>
    </message>
    <message>
        <source>id containing &quot;%1&quot;</source>
        <translation>id bevat &quot;%1&quot;</translation>
    </message>
    <message>
        <source>created from %1</source>
        <translation>gemaakt vanaf %1</translation>
    </message>
    <message>
        <source>created before %1</source>
        <translation>gemaakt vóór %1</translation>
    </message>
    <message>
        <source>children of %1</source>
        <translation>kinderen van %1</translation>
    </message>
    <message>
        <source>awaiting an event</source>
        <translation>wacht op een event</translation>
    </message>
    <message numerus="yes">
        <source>%1 the %n selected instance(s)?</source>
        <translation>
            <numerusform>%1: de %n geselecteerde instantie?</numerusform>
            <numerusform>%1: de %n geselecteerde instanties?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 all %n instance(s) of the hub (no filters are set)?</source>
        <translation>
            <numerusform>%1: alle %n instantie van de hub (er zijn geen filters)?</numerusform>
            <numerusform>%1: alle %n instanties van de hub (er zijn geen filters)?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 %n instance(s) matching %2?</source>
        <translation>
            <numerusform>%1: %n instantie die voldoet aan %2?</numerusform>
            <numerusform>%1: %n instanties die voldoen aan %2?</numerusform>
        </translation>
    </message>
    <message>
        <source>The matching instances could not be listed.</source>
        <translation>De passende instanties konden niet worden opgesomd.</translation>
    </message>
    <message numerus="yes">
        <source>Stopped: %n instance(s) left untouched.</source>
        <translation>
            <numerusform>Gestopt: %n instantie onaangeroerd gelaten.</numerusform>
            <numerusform>Gestopt: %n instanties onaangeroerd gelaten.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message numerus="yes">
        <source>Skipped %n: %1.</source>
        <translation>
            <numerusform>%n overgeslagen: %1.</numerusform>
            <numerusform>%n overgeslagen: %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (%2: %3)</source>
        <translation>%1 (%2: %3)</translation>
    </message>
    <message numerus="yes">
        <source>Failed %n: %1</source>
        <translation>
            <numerusform>%n mislukt: %1</numerusform>
            <numerusform>%n mislukt: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Bulk action</source>
        <translation>Bulkactie</translation>
    </message>
    <message>
        <source>Terminated from the workbench (bulk)</source>
        <translation>Beëindigd vanuit de workbench (bulk)</translation>
    </message>
    <message>
        <source>Suspended from the workbench (bulk)</source>
        <translation>Gepauzeerd vanuit de workbench (bulk)</translation>
    </message>
    <message>
        <source>Resumed from the workbench (bulk)</source>
        <translation>Hervat vanuit de workbench (bulk)</translation>
    </message>
    <message numerus="yes">
        <source>%n instance(s)</source>
        <translation>
            <numerusform>%n instantie</numerusform>
            <numerusform>%n instanties</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of them cannot be acted on in their current status and will be skipped.</source>
        <translation>
            <numerusform>%n ervan kan in de huidige status niet worden behandeld en wordt overgeslagen.</numerusform>
            <numerusform>%n ervan kunnen in de huidige status niet worden behandeld en worden overgeslagen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Purged instances lose their history and logs; this cannot be undone.</source>
        <translation>Gewiste instanties verliezen hun geschiedenis en logs; dit kan niet ongedaan worden gemaakt.</translation>
    </message>
    <message>
        <source>Each is started again with its input under a new id; the originals are kept.</source>
        <translation>Elke instantie wordt met dezelfde invoer opnieuw gestart onder een nieuwe id; de originelen blijven bewaard.</translation>
    </message>
    <message>
        <source>%1…</source>
        <translation>%1…</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>&amp;Stoppen</translation>
    </message>
    <message numerus="yes">
        <source>%1: %2 of %n instance(s) handled…</source>
        <translation>
            <numerusform>%1: %2 van %n instantie behandeld…</numerusform>
            <numerusform>%1: %2 van %n instanties behandeld…</numerusform>
        </translation>
    </message>
    <message>
        <source>Resu&amp;me all filtered…</source>
        <translation>Alle gefilterde &amp;hervatten…</translation>
    </message>
    <message>
        <source>&amp;Raise</source>
        <translation>&amp;Versturen</translation>
    </message>
    <message>
        <source> or </source>
        <extracomment>Between the statuses of a filter, e.g. &quot;status Running or Failed&quot;</extracomment>
        <translation> of </translation>
    </message>
</context>
<context>
    <name>durable::views::CatalogProxy</name>
    <message>
        <source>%1 (child)</source>
        <translation>%1 (kind)</translation>
    </message>
    <message>
        <source>Started by %1 as its sub-orchestration. Start… runs it on its own, without the parent.</source>
        <translation>Wordt door %1 als sub-orchestratie gestart. Starten… voert hem zelfstandig uit, zonder de ouder.</translation>
    </message>
</context>
<context>
    <name>durable::views::CompareDialog</name>
    <message>
        <source>(not in this run)</source>
        <translation>(niet in deze uitvoering)</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Input:</source>
        <translation>Invoer:</translation>
    </message>
    <message>
        <source>Output:</source>
        <translation>Uitvoer:</translation>
    </message>
    <message>
        <source>Reading both histories…</source>
        <translation>Beide geschiedenissen worden gelezen…</translation>
    </message>
    <message>
        <source>Compare %1 and %2</source>
        <translation>%1 en %2 vergelijken</translation>
    </message>
    <message>
        <source>Left: &lt;b&gt;%1&lt;/b&gt; &amp;nbsp; · &amp;nbsp; Right: &lt;b&gt;%2&lt;/b&gt;</source>
        <translation>Links: &lt;b&gt;%1&lt;/b&gt; &amp;nbsp; · &amp;nbsp; Rechts: &lt;b&gt;%2&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Actions of both runs</source>
        <translation>Acties van beide uitvoeringen</translation>
    </message>
    <message>
        <source>Left: %1</source>
        <translation>Links: %1</translation>
    </message>
    <message>
        <source>Right: %1</source>
        <translation>Rechts: %1</translation>
    </message>
    <message>
        <source>Left payload</source>
        <translation>Gegevens links</translation>
    </message>
    <message>
        <source>Right payload</source>
        <translation>Gegevens rechts</translation>
    </message>
    <message>
        <source>Select a row to see both sides&apos; input and output</source>
        <translation>Selecteer een rij om invoer en uitvoer van beide kanten te zien</translation>
    </message>
    <message>
        <source>Could not read the history of %1.</source>
        <translation>Kan de geschiedenis van %1 niet lezen.</translation>
    </message>
</context>
<context>
    <name>durable::views::CopyAsCurl</name>
    <message>
        <source>Cop&amp;y as curl</source>
        <translation>Als curl kop&amp;iëren</translation>
    </message>
    <message>
        <source>Ctrl+Shift+C</source>
        <translation>Ctrl+Shift+C</translation>
    </message>
    <message>
        <source>Copy curl commands that start an instance like this one and act on it over the HTTP API</source>
        <translation>curl-opdrachten kopiëren die een instantie zoals deze starten en er via de HTTP-API op inwerken</translation>
    </message>
    <message>
        <source>Copy curl commands for %1</source>
        <translation>curl-opdrachten voor %1 kopiëren</translation>
    </message>
    <message>
        <source>No instance selected</source>
        <translation>Geen instantie geselecteerd</translation>
    </message>
</context>
<context>
    <name>durable::views::CursorPanel</name>
    <message>
        <source>timer #%1 due %2</source>
        <translation>timer #%1 verloopt %2</translation>
    </message>
    <message>
        <source>sub-orchestration #%1 %2</source>
        <translation>sub-orchestratie #%1 %2</translation>
    </message>
    <message>
        <source>activity #%1 %2</source>
        <translation>activiteit #%1 %2</translation>
    </message>
    <message>
        <source>No history yet</source>
        <translation>Nog geen geschiedenis</translation>
    </message>
    <message>
        <source>At #%1 %2 %3%4</source>
        <translation>Bij #%1 %2 %3%4</translation>
    </message>
    <message>
        <source> (execution ended)</source>
        <translation> (uitvoering beëindigd)</translation>
    </message>
    <message>
        <source>Pending (%1)</source>
        <translation>Openstaand (%1)</translation>
    </message>
    <message>
        <source>Completed (%1)</source>
        <translation>Voltooid (%1)</translation>
    </message>
    <message>
        <source>%1 → %2%3</source>
        <translation>%1 → %2%3</translation>
    </message>
    <message>
        <source>failed: </source>
        <translation>mislukt: </translation>
    </message>
    <message>
        <source>Events received (%1)</source>
        <translation>Ontvangen events (%1)</translation>
    </message>
    <message>
        <source>Custom status</source>
        <translation>Aangepaste status</translation>
    </message>
    <message>
        <source>not recorded at this point</source>
        <translation>op dit punt niet vastgelegd</translation>
    </message>
    <message>
        <source>Log lines so far (%1)</source>
        <translation>Logregels tot hier (%1)</translation>
    </message>
    <message>
        <source>[replay] </source>
        <translation>[herhaling] </translation>
    </message>
</context>
<context>
    <name>durable::views::DamageBanner</name>
    <message>
        <source>Check &amp;Integrity</source>
        <translation>&amp;Integriteit controleren</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Sluiten</translation>
    </message>
    <message>
        <source>Checking every page of the task hub; this can take a while for a large file…</source>
        <translation>Elke pagina van de taakhub wordt gecontroleerd; bij een groot bestand kan dat even duren…</translation>
    </message>
    <message>
        <source>The integrity check could not run: %1</source>
        <translation>De integriteitscontrole kon niet worden uitgevoerd: %1</translation>
    </message>
    <message>
        <source>Integrity check: no damage found in the file.</source>
        <translation>Integriteitscontrole: geen schade in het bestand gevonden.</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… en nog %n</numerusform>
            <numerusform>… en nog %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Integrity check: the file is damaged (%n problem(s) found). Restore it from a backup, or recover what is readable with sqlite3&apos;s .recover into a new file.</source>
        <translation>
            <numerusform>Integriteitscontrole: het bestand is beschadigd (%n probleem gevonden). Zet het terug uit een back-up, of red wat leesbaar is met .recover van sqlite3 naar een nieuw bestand.</numerusform>
            <numerusform>Integriteitscontrole: het bestand is beschadigd (%n problemen gevonden). Zet het terug uit een back-up, of red wat leesbaar is met .recover van sqlite3 naar een nieuw bestand.</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;This task hub is damaged and can only be read.&lt;/b&gt; A read found a damaged page, so nothing runs and every change is refused; what can still be read is shown. Run the integrity check, then restore the file from a backup.&lt;br&gt;Details: %1</source>
        <translation>&lt;b&gt;Deze taakhub is beschadigd en kan alleen nog gelezen worden.&lt;/b&gt; Bij het lezen is een beschadigde pagina gevonden; daarom draait er niets meer en wordt elke wijziging geweigerd. Wat nog leesbaar is, wordt getoond. Voer de integriteitscontrole uit en zet het bestand daarna terug uit een back-up.&lt;br&gt;Details: %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;The integrity check found damage in this task hub.&lt;/b&gt;</source>
        <translation>&lt;b&gt;De integriteitscontrole heeft schade in deze taakhub gevonden.&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Integrity check of the task hub&lt;/b&gt;</source>
        <translation>&lt;b&gt;Integriteitscontrole van de taakhub&lt;/b&gt;</translation>
    </message>
</context>
<context>
    <name>durable::views::Dashboard</name>
    <message>
        <source>Could not count instances.</source>
        <translation>Kan de instanties niet tellen.</translation>
    </message>
    <message>
        <source>Activity backlog</source>
        <translation>Achterstand van activiteiten</translation>
    </message>
    <message>
        <source>Activities this process&apos;s threads have to run for the hub</source>
        <translation>Activiteiten die de threads van dit proces voor de hub nog moeten uitvoeren</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>In de wachtrij</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Bezig</translation>
    </message>
    <message>
        <source>Oldest wait</source>
        <translation>Langste wachttijd</translation>
    </message>
    <message>
        <source>Another process runs this hub&apos;s workers: its backlog is not known here</source>
        <translation>Een ander proces voert de workers van deze hub uit: zijn achterstand is hier niet bekend</translation>
    </message>
    <message>
        <source>How long the oldest queued activity has waited for a thread</source>
        <translation>Hoe lang de oudste activiteit in de wachtrij al op een thread wacht</translation>
    </message>
</context>
<context>
    <name>durable::views::DesignerPage</name>
    <message>
        <source>Step</source>
        <translation>Stap</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>Id</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Naam</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>Invoer</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Antwoord</translation>
    </message>
    <message>
        <source>Instance</source>
        <translation>Instantie</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Versie</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>Oordeel</translation>
    </message>
    <message>
        <source>Diverges at id</source>
        <translation>Wijkt af bij id</translation>
    </message>
    <message>
        <source>Expected vs. actual</source>
        <translation>Verwacht tegenover werkelijk</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Opgeslagen</translation>
    </message>
    <message>
        <source>Orchestrators</source>
        <translation>Orchestrators</translation>
    </message>
    <message>
        <source>Activities</source>
        <translation>Activiteiten</translation>
    </message>
    <message>
        <source>&amp;Check</source>
        <translation>&amp;Controleren</translation>
    </message>
    <message>
        <source>&amp;Replay test</source>
        <translation>&amp;Herhalingstest</translation>
    </message>
    <message>
        <source>&amp;Save as new version</source>
        <translation>Op&amp;slaan als nieuwe versie</translation>
    </message>
    <message>
        <source>R&amp;un with input…</source>
        <translation>&amp;Uitvoeren met invoer…</translation>
    </message>
    <message>
        <source>&amp;Template:</source>
        <translation>S&amp;jabloon:</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>&amp;Bestand:</translation>
    </message>
    <message>
        <source>&amp;Orchestrator:</source>
        <translation>&amp;Orchestrator:</translation>
    </message>
    <message>
        <source>Syntax check and a dry run on the sample input (F5)</source>
        <translation>Syntaxiscontrole en een proefrun op de voorbeeldinvoer (F5)</translation>
    </message>
    <message>
        <source>Replay the stored histories of this orchestrator&apos;s instances against this code</source>
        <translation>De opgeslagen geschiedenissen van de instanties van deze orchestrator tegen deze code herhalen</translation>
    </message>
    <message>
        <source>Save the code in the hub as a new version and register it (Ctrl+S)</source>
        <translation>De code als nieuwe versie in de hub opslaan en registreren (Ctrl+S)</translation>
    </message>
    <message>
        <source>Sample &amp;input:</source>
        <translation>Voorbeeld&amp;invoer:</translation>
    </message>
    <message>
        <source>S&amp;tub answers:</source>
        <translation>S&amp;tubantwoorden:</translation>
    </message>
    <message>
        <source>Dry run</source>
        <translation>Proefrun</translation>
    </message>
    <message>
        <source>Replay test</source>
        <translation>Herhalingstest</translation>
    </message>
    <message>
        <source>Versions</source>
        <translation>Versies</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Niet-opgeslagen wijzigingen</translation>
    </message>
    <message>
        <source>The code of %1 in the Designer has changes that are not saved as a version. Discard them?</source>
        <translation>De code van %1 in de Ontwerper heeft wijzigingen die niet als versie zijn opgeslagen. Verwerpen?</translation>
    </message>
    <message>
        <source>Enter a file name: versions are saved under it.</source>
        <translation>Geef een bestandsnaam op: versies worden daaronder opgeslagen.</translation>
    </message>
    <message>
        <source>Line %1: %2</source>
        <translation>Regel %1: %2</translation>
    </message>
    <message>
        <source>No syntax errors, but the code defines no orchestrator.</source>
        <translation>Geen syntaxfouten, maar de code definieert geen orchestrator.</translation>
    </message>
    <message>
        <source>No syntax errors. Orchestrators: %1; activities: %2.</source>
        <translation>Geen syntaxfouten. Orchestrators: %1; activiteiten: %2.</translation>
    </message>
    <message>
        <source>none</source>
        <translation>geen</translation>
    </message>
    <message>
        <source>The sample input or the stub answers are not valid JSON.</source>
        <translation>De voorbeeldinvoer of de stubantwoorden zijn geen geldige JSON.</translation>
    </message>
    <message>
        <source>The stub answers must be a JSON object.</source>
        <translation>De stubantwoorden moeten een JSON-object zijn.</translation>
    </message>
    <message>
        <source>Call activity</source>
        <translation>Activiteit aanroepen</translation>
    </message>
    <message>
        <source>Call sub-orchestration</source>
        <translation>Sub-orchestratie aanroepen</translation>
    </message>
    <message>
        <source>Start timer</source>
        <translation>Timer starten</translation>
    </message>
    <message>
        <source>Send event</source>
        <translation>Event versturen</translation>
    </message>
    <message>
        <source>Wait for event</source>
        <translation>Op event wachten</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Mislukt</translation>
    </message>
    <message>
        <source>The dry run failed: %1</source>
        <translation>De proefrun is mislukt: %1</translation>
    </message>
    <message>
        <source>Continue as new</source>
        <translation>Opnieuw beginnen als nieuw</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Voltooid</translation>
    </message>
    <message numerus="yes">
        <source>Dry run: %n step(s), then the orchestration ends.</source>
        <translation>
            <numerusform>Proefrun: %n stap, daarna eindigt de orchestratie.</numerusform>
            <numerusform>Proefrun: %n stappen, daarna eindigt de orchestratie.</numerusform>
        </translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Gestopt</translation>
    </message>
    <message numerus="yes">
        <source>after %n step(s); give the stubs answers that end it</source>
        <translation>
            <numerusform>na %n stap; geef de stubs antwoorden die hem beëindigen</numerusform>
            <numerusform>na %n stappen; geef de stubs antwoorden die hem beëindigen</numerusform>
        </translation>
    </message>
    <message>
        <source>The dry run stopped at the step limit.</source>
        <translation>De proefrun is gestopt bij de stappenlimiet.</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Wachtend</translation>
    </message>
    <message>
        <source>for something the dry run cannot answer</source>
        <translation>op iets wat de proefrun niet kan beantwoorden</translation>
    </message>
    <message numerus="yes">
        <source>Dry run: %n step(s), then the orchestration waits.</source>
        <translation>
            <numerusform>Proefrun: %n stap, daarna wacht de orchestratie.</numerusform>
            <numerusform>Proefrun: %n stappen, daarna wacht de orchestratie.</numerusform>
        </translation>
    </message>
    <message>
        <source>Replaying the stored instances of %1…</source>
        <translation>De opgeslagen instanties van %1 worden herhaald…</translation>
    </message>
    <message>
        <source>Deterministic</source>
        <translation>Deterministisch</translation>
    </message>
    <message>
        <source>Diverges</source>
        <translation>Wijkt af</translation>
    </message>
    <message>
        <source>Fails</source>
        <translation>Mislukt</translation>
    </message>
    <message>
        <source>No stored instances of %1 to replay.</source>
        <translation>Geen opgeslagen instanties van %1 om te herhalen.</translation>
    </message>
    <message numerus="yes">
        <source>All %n instance(s) of %1 replay deterministically with this code.</source>
        <translation>
            <numerusform>De %n instantie van %1 wordt met deze code deterministisch herhaald.</numerusform>
            <numerusform>Alle %n instanties van %1 worden met deze code deterministisch herhaald.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n instance(s) would break with this code.</source>
        <translation>
            <numerusform>%1 van %n instantie zou met deze code breken.</numerusform>
            <numerusform>%1 van %n instanties zouden met deze code breken.</numerusform>
        </translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Niet opgeslagen: %1</translation>
    </message>
    <message>
        <source>Saved %1 as version %2 (registered as %3).</source>
        <translation>%1 opgeslagen als versie %2 (geregistreerd als %3).</translation>
    </message>
    <message>
        <source>Activate to load this version into the editor</source>
        <translation>Activeer om deze versie in de editor te laden</translation>
    </message>
    <message>
        <source>Loaded version %1 of %2.</source>
        <translation>Versie %1 van %2 geladen.</translation>
    </message>
    <message>
        <source>Save the code as a new version before running %1.</source>
        <translation>Sla de code op als nieuwe versie voordat u %1 uitvoert.</translation>
    </message>
    <message>
        <source>The code has unsaved changes: the run uses the latest saved version.</source>
        <translation>De code heeft niet-opgeslagen wijzigingen: de uitvoering gebruikt de laatst opgeslagen versie.</translation>
    </message>
    <message>
        <source>Started %1 as %2.</source>
        <translation>%1 gestart als %2.</translation>
    </message>
    <message>
        <source>F8 moves the cursor to a syntax error</source>
        <translation>F8 zet de cursor op een syntaxfout</translation>
    </message>
    <message>
        <source>Line %1, column %2: %3</source>
        <translation>Regel %1, kolom %2: %3</translation>
    </message>
    <message>
        <source>The code does not load.</source>
        <translation>De code laadt niet.</translation>
    </message>
    <message>
        <source>The dry run could not start.</source>
        <translation>De proefrun kon niet starten.</translation>
    </message>
    <message>
        <source>The replay test could not run.</source>
        <translation>De herhalingstest kon niet draaien.</translation>
    </message>
    <message>
        <source>Could not save %1.</source>
        <translation>Kan %1 niet opslaan.</translation>
    </message>
    <message>
        <source>Saved as version %1, but it could not be registered.</source>
        <translation>Opgeslagen als versie %1, maar registreren lukte niet.</translation>
    </message>
    <message>
        <source>Could not list the saved versions.</source>
        <translation>Kan de opgeslagen versies niet opsommen.</translation>
    </message>
    <message>
        <source>Could not read the version.</source>
        <translation>Kan de versie niet lezen.</translation>
    </message>
    <message>
        <source>the code defines no orchestrator named %1</source>
        <translation>de code definieert geen orchestrator met de naam %1</translation>
    </message>
    <message>
        <source>Go to the error</source>
        <translation>Naar de fout gaan</translation>
    </message>
    <message>
        <source>failed: %1: %2 (line %3)</source>
        <translation>mislukt: %1: %2 (regel %3)</translation>
    </message>
    <message>
        <source>failed: %1: %2</source>
        <translation>mislukt: %1: %2</translation>
    </message>
    <message>
        <source> (line %1)</source>
        <translation> (regel %1)</translation>
    </message>
    <message>
        <source>Version %1 of %2, line %3.</source>
        <translation>Versie %1 van %2, regel %3.</translation>
    </message>
    <message>
        <source>%1 is neither a version saved in this hub nor a readable file: %2</source>
        <translation>%1 is geen in deze hub opgeslagen versie en geen leesbaar bestand: %2</translation>
    </message>
    <message>
        <source>%1 from disk, line %2.</source>
        <translation>%1 van schijf, regel %2.</translation>
    </message>
    <message>
        <source>A JSON object of answers by activity or event name; activities defined in this file run, other activities return their input, other events carry null.</source>
        <translation>Een JSON-object met antwoorden per activiteit of eventnaam; activiteiten die in dit bestand staan draaien echt, andere activiteiten geven hun invoer terug, andere events dragen null.</translation>
    </message>
    <message>
        <source>%1 is neither a version saved in this hub nor a script file (.js) to open.</source>
        <translation>%1 is geen in deze hub opgeslagen versie en geen scriptbestand (.js) om te openen.</translation>
    </message>
</context>
<context>
    <name>durable::views::EventDetailPane</name>
    <message>
        <source>Sequence:</source>
        <translation>Volgnummer:</translation>
    </message>
    <message>
        <source>Id:</source>
        <translation>Id:</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Naam:</translation>
    </message>
    <message>
        <source>Time:</source>
        <translation>Tijd:</translation>
    </message>
    <message>
        <source>Related:</source>
        <translation>Verband:</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopiëren</translation>
    </message>
    <message>
        <source>Copy the whole payload to the clipboard</source>
        <translation>De hele inhoud naar het klembord kopiëren</translation>
    </message>
    <message>
        <source>Payload:</source>
        <translation>Inhoud:</translation>
    </message>
    <message>
        <source>Show all (%1)</source>
        <translation>Alles tonen (%1)</translation>
    </message>
    <message>
        <source>#%1 %2</source>
        <translation>#%1 %2</translation>
    </message>
    <message>
        <source>#%1 %2 %3</source>
        <translation>#%1 %2 %3</translation>
    </message>
    <message>
        <source>Select an event to see its details.</source>
        <translation>Selecteer een event om de details te zien.</translation>
    </message>
    <message>
        <source>Log lines:</source>
        <translation>Logregels:</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>%1 (instance %2)</source>
        <translation>%1 (instantie %2)</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>onbekend</translation>
    </message>
    <message>
        <source> (+%1 after the start)</source>
        <translation> (+%1 na de start)</translation>
    </message>
    <message>
        <source>completes %1</source>
        <translation>voltooit %1</translation>
    </message>
    <message>
        <source>completed by %1</source>
        <translation>voltooid door %1</translation>
    </message>
    <message>
        <source>not completed yet</source>
        <translation>nog niet voltooid</translation>
    </message>
    <message>
        <source>sent to instance %1</source>
        <translation>verstuurd naar instantie %1</translation>
    </message>
    <message numerus="yes">
        <source>Log lines (%n):</source>
        <translation>
            <numerusform>%n logregel:</numerusform>
            <numerusform>%n logregels:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>durable::views::FailureCard</name>
    <message>
        <source>Open in Desi&amp;gner</source>
        <translation>Openen in Desi&amp;gner</translation>
    </message>
    <message>
        <source>Open the script this instance ran in the Designer, at this line</source>
        <translation>Het script waarmee deze instantie liep in de Designer openen, op deze regel</translation>
    </message>
    <message>
        <source>Stack</source>
        <translation>Stack</translation>
    </message>
    <message>
        <source>at %1</source>
        <translation>op %1</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Attempt %1 of %2</source>
        <translation>Poging %1 van %2</translation>
    </message>
    <message>
        <source>Attempt %1</source>
        <translation>Poging %1</translation>
    </message>
    <message>
        <source>Attempt %1: %2: %3</source>
        <translation>Poging %1: %2: %3</translation>
    </message>
    <message>
        <source> at %1</source>
        <translation> op %1</translation>
    </message>
    <message>
        <source> (%1)</source>
        <translation> (%1)</translation>
    </message>
</context>
<context>
    <name>durable::views::FanOutChart</name>
    <message>
        <source>Scheduled</source>
        <translation>Gepland</translation>
    </message>
    <message>
        <source>In flight</source>
        <translation>Bezig</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Voltooid</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Mislukt</translation>
    </message>
    <message>
        <source>seconds since first scheduled</source>
        <translation>seconden sinds de eerste planning</translation>
    </message>
    <message>
        <source>activities</source>
        <translation>activiteiten</translation>
    </message>
    <message>
        <source>No activities scheduled yet</source>
        <translation>Nog geen activiteiten gepland</translation>
    </message>
    <message>
        <source>%1 of %2 done (%3 failed, %4 in flight)</source>
        <translation>%1 van %2 klaar (%3 mislukt, %4 bezig)</translation>
    </message>
</context>
<context>
    <name>durable::views::FilterBar</name>
    <message>
        <source>Orchestrator</source>
        <translation>Orchestrator</translation>
    </message>
    <message>
        <source>Id match</source>
        <translation>Id-overeenkomst</translation>
    </message>
    <message>
        <source>Instance id</source>
        <translation>Instantie-id</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Aangemaakt</translation>
    </message>
    <message>
        <source>Show only instances with these statuses</source>
        <translation>Alleen instanties met deze statussen tonen</translation>
    </message>
    <message>
        <source>All orchestrators</source>
        <translation>Alle orchestrators</translation>
    </message>
    <message>
        <source>Id starts with</source>
        <translation>Id begint met</translation>
    </message>
    <message>
        <source>Id contains</source>
        <translation>Id bevat</translation>
    </message>
    <message>
        <source>instance id</source>
        <translation>instantie-id</translation>
    </message>
    <message>
        <source>Any time</source>
        <translation>Altijd</translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation>Afgelopen uur</translation>
    </message>
    <message>
        <source>Last day</source>
        <translation>Afgelopen dag</translation>
    </message>
    <message>
        <source>Last week</source>
        <translation>Afgelopen week</translation>
    </message>
    <message>
        <source>Custom range</source>
        <translation>Aangepaste periode</translation>
    </message>
    <message>
        <source>Created from (inclusive)</source>
        <translation>Aangemaakt vanaf (inclusief)</translation>
    </message>
    <message>
        <source>Created before</source>
        <translation>Aangemaakt vóór</translation>
    </message>
    <message>
        <source>Stat&amp;us:</source>
        <translation>Stat&amp;us:</translation>
    </message>
    <message>
        <source>Any</source>
        <translation>Alle</translation>
    </message>
    <message numerus="yes">
        <source>%n statuses</source>
        <translation>
            <numerusform>%n status</numerusform>
            <numerusform>%n statussen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>durable::views::ForkDialog</name>
    <message>
        <source>Fork %1</source>
        <translation>%1 afsplitsen</translation>
    </message>
    <message>
        <source>A new instance replays this one&apos;s history up to the chosen event and continues from there with the chosen code. The original is not changed.</source>
        <translation>Een nieuwe instantie speelt de geschiedenis van deze tot de gekozen gebeurtenis opnieuw af en gaat vandaar verder met de gekozen code. Het origineel verandert niet.</translation>
    </message>
    <message>
        <source>Fork &amp;after event:</source>
        <translation>Afsplitsen &amp;na gebeurtenis:</translation>
    </message>
    <message>
        <source>registered code</source>
        <translation>geregistreerde code</translation>
    </message>
    <message>
        <source>%1 (the one it ran)</source>
        <translation>%1 (waarmee het liep)</translation>
    </message>
    <message>
        <source>&amp;Code version:</source>
        <translation>&amp;Codeversie:</translation>
    </message>
    <message>
        <source>Nothing: everything runs as it comes</source>
        <translation>Niets: alles loopt zoals het komt</translation>
    </message>
    <message>
        <source>The result of the next activity</source>
        <translation>Het resultaat van de volgende activiteit</translation>
    </message>
    <message>
        <source>A failure of the next activity</source>
        <translation>Een fout van de volgende activiteit</translation>
    </message>
    <message>
        <source>The payload of the next external event</source>
        <translation>De payload van de volgende externe gebeurtenis</translation>
    </message>
    <message>
        <source>&amp;Replace:</source>
        <translation>&amp;Vervangen:</translation>
    </message>
    <message>
        <source>Replacement (&amp;JSON):</source>
        <translation>Vervanging (&amp;JSON):</translation>
    </message>
    <message>
        <source>%1-fork-N (generated)</source>
        <translation>%1-fork-N (gegenereerd)</translation>
    </message>
    <message>
        <source>&amp;New instance id:</source>
        <translation>&amp;Nieuwe instantie-id:</translation>
    </message>
    <message>
        <source>&amp;Fork</source>
        <translation>&amp;Afsplitsen</translation>
    </message>
    <message>
        <source>what if it had failed?</source>
        <translation>wat als het was mislukt?</translation>
    </message>
    <message>
        <source>No code for orchestrator &apos;%1&apos; is registered in this process.</source>
        <translation>In dit proces is geen code voor orchestrator &apos;%1&apos; geregistreerd.</translation>
    </message>
    <message>
        <source>The fork starts with events 0 to %1 of this history.</source>
        <translation>De afsplitsing begint met gebeurtenissen 0 tot en met %1 van deze geschiedenis.</translation>
    </message>
    <message>
        <source>The fork starts from the beginning.</source>
        <translation>De afsplitsing begint bij het begin.</translation>
    </message>
    <message>
        <source>Events %1 to %2 are delivered to the code again.</source>
        <translation>Gebeurtenissen %1 tot en met %2 worden opnieuw aan de code bezorgd.</translation>
    </message>
    <message>
        <source>The replacement takes the place of event %1.</source>
        <translation>De vervanging neemt de plaats in van gebeurtenis %1.</translation>
    </message>
    <message numerus="yes">
        <source>%n activity(s) in flight there run again.</source>
        <translation>
            <numerusform>%n activiteit die daar onderweg was, loopt opnieuw.</numerusform>
            <numerusform>%n activiteiten die daar onderweg waren, lopen opnieuw.</numerusform>
        </translation>
    </message>
    <message>
        <source>Replaying the prefix with the chosen code…</source>
        <translation>Het begin wordt met de gekozen code opnieuw afgespeeld…</translation>
    </message>
    <message>
        <source>The fork was not created.</source>
        <translation>De afsplitsing is niet gemaakt.</translation>
    </message>
    <message>
        <source>The code fails there: %1</source>
        <translation>De code faalt daar: %1</translation>
    </message>
    <message>
        <source>Refused: the chosen code cannot replay the history up to the fork point (at event %1). Nothing was created.</source>
        <translation>Geweigerd: de gekozen code kan de geschiedenis tot het afsplitspunt niet opnieuw afspelen (bij gebeurtenis %1). Er is niets gemaakt.</translation>
    </message>
</context>
<context>
    <name>durable::views::HistoryPage</name>
    <message>
        <source>All events</source>
        <translation>Alle events</translation>
    </message>
    <message>
        <source>Activities</source>
        <translation>Activiteiten</translation>
    </message>
    <message>
        <source>Timers</source>
        <translation>Timers</translation>
    </message>
    <message>
        <source>External events</source>
        <translation>Externe events</translation>
    </message>
    <message>
        <source>Sub-orchestrations</source>
        <translation>Sub-orchestraties</translation>
    </message>
    <message>
        <source>Failures</source>
        <translation>Fouten</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>Tonen:</translation>
    </message>
    <message>
        <source>Copy &amp;payload</source>
        <translation>&amp;Payload kopiëren</translation>
    </message>
    <message>
        <source>Copy &amp;event</source>
        <translation>&amp;Event kopiëren</translation>
    </message>
    <message>
        <source>Show in &amp;timeline</source>
        <translation>In &amp;tijdlijn tonen</translation>
    </message>
    <message>
        <source>Parent: &lt;a href=&quot;%1&quot;&gt;%1&lt;/a&gt;</source>
        <translation>Ouder: &lt;a href=&quot;%1&quot;&gt;%1&lt;/a&gt;</translation>
    </message>
    <message>
        <source>Sub-orchestration: &lt;a href=&quot;%1&quot;&gt;%1&lt;/a&gt; (Enter opens it)</source>
        <translation>Sub-orchestratie: &lt;a href=&quot;%1&quot;&gt;%1&lt;/a&gt; (Enter opent hem)</translation>
    </message>
    <message>
        <source>&amp;Open sub-orchestration %1</source>
        <translation>Sub-orchestratie %1 &amp;openen</translation>
    </message>
    <message>
        <source>&amp;All events</source>
        <translation>&amp;Alle events</translation>
    </message>
    <message>
        <source>&amp;Download history as JSON…</source>
        <translation>Geschiedenis als JSON &amp;downloaden…</translation>
    </message>
    <message>
        <source>Export history as &amp;CSV…</source>
        <translation>Geschiedenis als &amp;CSV exporteren…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+E</source>
        <translation>Ctrl+Shift+E</translation>
    </message>
    <message>
        <source>Show every event by its engine name, episode markers included (Ctrl+Shift+E); off: the compact view</source>
        <translation>Elk event tonen met de naam van de engine, episodemarkeringen inbegrepen (Ctrl+Shift+E); uit: de compacte weergave</translation>
    </message>
    <message>
        <source>Ctrl+Shift+S</source>
        <translation>Ctrl+Shift+S</translation>
    </message>
    <message>
        <source>Save the history of the current execution and the instance summary as JSON</source>
        <translation>De geschiedenis van de huidige uitvoering en de samenvatting van de instantie als JSON opslaan</translation>
    </message>
    <message>
        <source>Save the history of the current execution as CSV</source>
        <translation>De geschiedenis van de huidige uitvoering als CSV opslaan</translation>
    </message>
    <message>
        <source>Download JSON…</source>
        <translation>JSON downloaden…</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>CSV exporteren…</translation>
    </message>
    <message>
        <source>Download History as JSON</source>
        <translation>Geschiedenis als JSON downloaden</translation>
    </message>
    <message>
        <source>JSON files (*.json);;All files (*)</source>
        <translation>JSON-bestanden (*.json);;Alle bestanden (*)</translation>
    </message>
    <message>
        <source>Export History as CSV</source>
        <translation>Geschiedenis als CSV exporteren</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV-bestanden (*.csv);;Alle bestanden (*)</translation>
    </message>
    <message>
        <source>Export History</source>
        <translation>Geschiedenis exporteren</translation>
    </message>
    <message>
        <source>The history could not be saved: %1</source>
        <translation>De geschiedenis kon niet worden opgeslagen: %1</translation>
    </message>
    <message>
        <source>&amp;Fork from here…</source>
        <translation>Hier a&amp;fsplitsen…</translation>
    </message>
</context>
<context>
    <name>durable::views::InstanceActions</name>
    <message>
        <source>&amp;Start…</source>
        <translation>&amp;Starten…</translation>
    </message>
    <message>
        <source>Ctrl+N</source>
        <translation>Ctrl+N</translation>
    </message>
    <message>
        <source>Start &amp;like this one…</source>
        <translation>Starten &amp;zoals deze…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+N</source>
        <translation>Ctrl+Shift+N</translation>
    </message>
    <message>
        <source>&amp;Raise event…</source>
        <translation>Event &amp;versturen…</translation>
    </message>
    <message>
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <source>&amp;Approve</source>
        <translation>&amp;Goedkeuren</translation>
    </message>
    <message>
        <source>Ctrl+Shift+A</source>
        <translation>Ctrl+Shift+A</translation>
    </message>
    <message>
        <source>Re&amp;ject</source>
        <translation>&amp;Afwijzen</translation>
    </message>
    <message>
        <source>Ctrl+Shift+J</source>
        <translation>Ctrl+Shift+J</translation>
    </message>
    <message>
        <source>&amp;Terminate…</source>
        <translation>&amp;Beëindigen…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+T</source>
        <translation>Ctrl+Shift+T</translation>
    </message>
    <message>
        <source>S&amp;uspend</source>
        <translation>&amp;Pauzeren</translation>
    </message>
    <message>
        <source>Ctrl+Shift+P</source>
        <translation>Ctrl+Shift+P</translation>
    </message>
    <message>
        <source>Res&amp;ume</source>
        <translation>&amp;Hervatten</translation>
    </message>
    <message>
        <source>Ctrl+Shift+M</source>
        <translation>Ctrl+Shift+M</translation>
    </message>
    <message>
        <source>Rest&amp;art</source>
        <translation>&amp;Opnieuw starten</translation>
    </message>
    <message>
        <source>Ctrl+Shift+R</source>
        <translation>Ctrl+Shift+R</translation>
    </message>
    <message>
        <source>Re&amp;wind</source>
        <translation>Terug&amp;draaien</translation>
    </message>
    <message>
        <source>Ctrl+Shift+W</source>
        <translation>Ctrl+Shift+W</translation>
    </message>
    <message>
        <source>&amp;Purge…</source>
        <translation>&amp;Wissen…</translation>
    </message>
    <message>
        <source>Shift+Del</source>
        <translation>Shift+Del</translation>
    </message>
    <message>
        <source>Purge &amp;filtered…</source>
        <translation>Ge&amp;filterde wissen…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+Del</source>
        <translation>Ctrl+Shift+Del</translation>
    </message>
    <message>
        <source>&amp;Fire timer now</source>
        <translation>&amp;Timer nu laten aflopen</translation>
    </message>
    <message>
        <source>Ctrl+Shift+F</source>
        <translation>Ctrl+Shift+F</translation>
    </message>
    <message>
        <source>Select an instance first</source>
        <translation>Selecteer eerst een instantie</translation>
    </message>
    <message>
        <source>A finished instance accepts no events</source>
        <translation>Een afgeronde instantie neemt geen events meer aan</translation>
    </message>
    <message>
        <source>The instance is not waiting for an event</source>
        <translation>De instantie wacht niet op een event</translation>
    </message>
    <message>
        <source>The instance has already finished</source>
        <translation>De instantie is al afgerond</translation>
    </message>
    <message>
        <source>Only running instances can be suspended</source>
        <translation>Alleen lopende instanties kunnen worden gepauzeerd</translation>
    </message>
    <message>
        <source>Only suspended instances can be resumed</source>
        <translation>Alleen gepauzeerde instanties kunnen worden hervat</translation>
    </message>
    <message>
        <source>Only finished instances can be restarted</source>
        <translation>Alleen afgeronde instanties kunnen opnieuw worden gestart</translation>
    </message>
    <message>
        <source>Only failed instances can be rewound</source>
        <translation>Alleen mislukte instanties kunnen worden teruggedraaid</translation>
    </message>
    <message>
        <source>Only finished instances can be purged</source>
        <translation>Alleen afgeronde instanties kunnen worden gewist</translation>
    </message>
    <message>
        <source>The instance has no pending timer</source>
        <translation>De instantie heeft geen openstaande timer</translation>
    </message>
    <message>
        <source>Command failed</source>
        <translation>Opdracht mislukt</translation>
    </message>
    <message>
        <source>Starting %1</source>
        <translation>%1 starten</translation>
    </message>
    <message>
        <source>Started %1</source>
        <translation>%1 gestart</translation>
    </message>
    <message>
        <source>Raising %1</source>
        <translation>%1 versturen</translation>
    </message>
    <message>
        <source>Approving %1</source>
        <translation>%1 goedkeuren</translation>
    </message>
    <message>
        <source>Rejecting %1</source>
        <translation>%1 afwijzen</translation>
    </message>
    <message>
        <source>Firing the timer</source>
        <translation>De timer laten aflopen</translation>
    </message>
    <message>
        <source>Terminating %1</source>
        <translation>%1 beëindigen</translation>
    </message>
    <message>
        <source>Suspended from the workbench</source>
        <translation>Gepauzeerd vanuit de workbench</translation>
    </message>
    <message>
        <source>Suspending</source>
        <translation>Pauzeren</translation>
    </message>
    <message>
        <source>Resumed from the workbench</source>
        <translation>Hervat vanuit de workbench</translation>
    </message>
    <message>
        <source>Resuming</source>
        <translation>Hervatten</translation>
    </message>
    <message>
        <source>Restart instance</source>
        <translation>Instantie opnieuw starten</translation>
    </message>
    <message>
        <source>Start %1 again with the same input?</source>
        <translation>%1 opnieuw starten met dezelfde invoer?</translation>
    </message>
    <message>
        <source>Under the same id its current history and logs are replaced; under a new id this instance is kept as it is.</source>
        <translation>Onder hetzelfde id worden de huidige geschiedenis en logs vervangen; onder een nieuw id blijft deze instantie zoals ze is.</translation>
    </message>
    <message>
        <source>&amp;Same id</source>
        <translation>&amp;Zelfde id</translation>
    </message>
    <message>
        <source>&amp;New id</source>
        <translation>&amp;Nieuw id</translation>
    </message>
    <message>
        <source>Restarting</source>
        <translation>Opnieuw starten</translation>
    </message>
    <message>
        <source>Restarted %1</source>
        <translation>%1 opnieuw gestart</translation>
    </message>
    <message>
        <source>Rewound from the workbench</source>
        <translation>Teruggedraaid vanuit de workbench</translation>
    </message>
    <message>
        <source>Rewinding</source>
        <translation>Terugdraaien</translation>
    </message>
    <message>
        <source>Purge instance</source>
        <translation>Instantie wissen</translation>
    </message>
    <message>
        <source>Delete %1 with its history and logs? This cannot be undone.</source>
        <translation>%1 met geschiedenis en logs verwijderen? Dit kan niet ongedaan worden gemaakt.</translation>
    </message>
    <message>
        <source>Purging %1</source>
        <translation>%1 wissen</translation>
    </message>
    <message>
        <source>%1 failed.</source>
        <translation>%1 is mislukt.</translation>
    </message>
    <message>
        <source>A command for this instance is in flight</source>
        <translation>Er is een opdracht voor deze instantie onderweg</translation>
    </message>
    <message numerus="yes">
        <source>Acts on the %n selected instance(s); those it does not apply to are skipped</source>
        <translation>
            <numerusform>Werkt op de %n geselecteerde instantie; waar het niet op van toepassing is, wordt overgeslagen</numerusform>
            <numerusform>Werkt op de %n geselecteerde instanties; die waarop het niet van toepassing is, worden overgeslagen</numerusform>
        </translation>
    </message>
    <message>
        <source>A bulk action is running</source>
        <translation>Er loopt een bulkactie</translation>
    </message>
    <message>
        <source>Imported from a repro bundle: read-only (it can be purged)</source>
        <translation>Geïmporteerd uit een reprobundel: alleen-lezen (kan worden gewist)</translation>
    </message>
</context>
<context>
    <name>durable::views::InstanceDetail</name>
    <message>
        <source>Loading the instance</source>
        <translation>De instantie wordt geladen</translation>
    </message>
    <message>
        <source>Loading history…</source>
        <translation>Geschiedenis laden…</translation>
    </message>
    <message>
        <source>&amp;Summary</source>
        <translation>&amp;Samenvatting</translation>
    </message>
    <message>
        <source>His&amp;tory</source>
        <translation>Geschi&amp;edenis</translation>
    </message>
    <message>
        <source>&amp;Logs</source>
        <translation>&amp;Logs</translation>
    </message>
    <message>
        <source>Fan-&amp;out</source>
        <translation>Fan-&amp;out</translation>
    </message>
</context>
<context>
    <name>durable::views::InstanceListView</name>
    <message>
        <source>Pause live updates</source>
        <translation>Live bijwerken pauzeren</translation>
    </message>
    <message>
        <source>Stop refreshing the list while you look at it; changes are applied on resume</source>
        <translation>De lijst niet meer verversen terwijl u ernaar kijkt; wijzigingen worden bij hervatten toegepast</translation>
    </message>
    <message>
        <source>Go to instance id…</source>
        <translation>Ga naar instantie-id…</translation>
    </message>
    <message>
        <source>Go to instance id</source>
        <translation>Ga naar instantie-id</translation>
    </message>
    <message>
        <source>Instances</source>
        <translation>Instanties</translation>
    </message>
    <message numerus="yes">
        <source>%n instance(s) loaded, scroll for more</source>
        <translation>
            <numerusform>%n instantie geladen, scroll voor meer</numerusform>
            <numerusform>%n instanties geladen, scroll voor meer</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n instance(s)</source>
        <translation>
            <numerusform>%n instantie</numerusform>
            <numerusform>%n instanties</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not load the instance list.</source>
        <translation>Kan de lijst met instanties niet laden.</translation>
    </message>
    <message>
        <source>&amp;Copy ids</source>
        <translation>Id&apos;s &amp;kopiëren</translation>
    </message>
    <message>
        <source>&amp;Copy id</source>
        <translation>Id &amp;kopiëren</translation>
    </message>
    <message>
        <source>There is no instance with the id “%1”.</source>
        <translation>Er is geen instantie met de id “%1”.</translation>
    </message>
    <message>
        <source>Could not read the instance.</source>
        <translation>Kan de instantie niet lezen.</translation>
    </message>
    <message>
        <source>“%1” is not in the list: it does not match the filters.</source>
        <translation>“%1” staat niet in de lijst: het voldoet niet aan de filters.</translation>
    </message>
    <message>
        <source>“%1” is further down the list: scroll to load it.</source>
        <translation>“%1” staat verderop in de lijst: scroll om het te laden.</translation>
    </message>
    <message>
        <source>Updates waiting</source>
        <translation>Wijzigingen wachten</translation>
    </message>
    <message>
        <source>New, removed or reordered rows are shown when the pointer leaves the list; status changes show at once</source>
        <translation>Nieuwe, verwijderde of verplaatste rijen verschijnen zodra de aanwijzer de lijst verlaat; statuswijzigingen zijn meteen zichtbaar</translation>
    </message>
</context>
<context>
    <name>durable::views::JsonTextEdit</name>
    <message>
        <source>more than one value</source>
        <translation>meer dan één waarde</translation>
    </message>
    <message>
        <source>Invalid JSON at line %1, column %2: %3</source>
        <translation>Ongeldige JSON op regel %1, kolom %2: %3</translation>
    </message>
    <message>
        <source>Valid JSON</source>
        <translation>Geldige JSON</translation>
    </message>
    <message>
        <source>the text ends before the value is complete</source>
        <translation>de tekst houdt op voordat de waarde compleet is</translation>
    </message>
</context>
<context>
    <name>durable::views::JsonViewer</name>
    <message>
        <source>Key</source>
        <translation>Sleutel</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Waarde</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopiëren</translation>
    </message>
    <message>
        <source>Copy the JSON to the clipboard</source>
        <translation>De JSON naar het klembord kopiëren</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(geen)</translation>
    </message>
    <message>
        <source>value</source>
        <translation>waarde</translation>
    </message>
    <message numerus="yes">
        <source>{%n key(s)}</source>
        <translation>
            <numerusform>{%n sleutel}</numerusform>
            <numerusform>{%n sleutels}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>[%n item(s)]</source>
        <translation>
            <numerusform>[%n element]</numerusform>
            <numerusform>[%n elementen]</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>durable::views::ListExporter</name>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-bestanden (*.csv)</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON-bestanden (*.json)</translation>
    </message>
    <message>
        <source>Export Instance List</source>
        <translation>Lijst met instanties exporteren</translation>
    </message>
    <message>
        <source>Choose a file name ending in .csv or .json: the extension decides the format.</source>
        <translation>Kies een bestandsnaam die eindigt op .csv of .json: de extensie bepaalt het formaat.</translation>
    </message>
    <message>
        <source>Exporting the instance list…</source>
        <translation>De lijst met instanties wordt geëxporteerd…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuleren</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n instance(s)…</source>
        <translation>
            <numerusform>%n instantie geëxporteerd…</numerusform>
            <numerusform>%n instanties geëxporteerd…</numerusform>
        </translation>
    </message>
    <message>
        <source>Export cancelled; nothing was written.</source>
        <translation>Export geannuleerd; er is niets geschreven.</translation>
    </message>
    <message>
        <source>The instance list could not be exported: %1</source>
        <translation>De lijst met instanties kon niet worden geëxporteerd: %1</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n instance(s) to %1.</source>
        <translation>
            <numerusform>%n instantie geëxporteerd naar %1.</numerusform>
            <numerusform>%n instanties geëxporteerd naar %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>durable::views::LogsPage</name>
    <message>
        <source>Hide lines logged while &amp;replaying</source>
        <translation>Regels die bij het &amp;herhalen zijn gelogd verbergen</translation>
    </message>
</context>
<context>
    <name>durable::views::RaiseEventDialog</name>
    <message>
        <source>Raise event</source>
        <translation>Event versturen</translation>
    </message>
    <message>
        <source>Events the instance waits for are suggested; any name may be sent.</source>
        <translation>Events waarop de instantie wacht worden voorgesteld; elke naam mag worden verstuurd.</translation>
    </message>
    <message>
        <source>&amp;Raise</source>
        <translation>&amp;Versturen</translation>
    </message>
    <message>
        <source>Instance:</source>
        <translation>Instantie:</translation>
    </message>
    <message>
        <source>&amp;Event name:</source>
        <translation>&amp;Eventnaam:</translation>
    </message>
    <message>
        <source>&amp;Payload (JSON):</source>
        <translation>&amp;Payload (JSON):</translation>
    </message>
    <message>
        <source>Enter the name of the event.</source>
        <translation>Geef de naam van het event op.</translation>
    </message>
</context>
<context>
    <name>durable::views::StartDialog</name>
    <message>
        <source>Start orchestration</source>
        <translation>Orchestratie starten</translation>
    </message>
    <message>
        <source>optional: a new random id</source>
        <translation>optioneel: een nieuw willekeurig id</translation>
    </message>
    <message>
        <source>&amp;Orchestrator:</source>
        <translation>&amp;Orchestrator:</translation>
    </message>
    <message>
        <source>Instance &amp;id:</source>
        <translation>Instantie-&amp;id:</translation>
    </message>
    <message>
        <source>&amp;Input (JSON):</source>
        <translation>&amp;Invoer (JSON):</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Starten</translation>
    </message>
    <message>
        <source>No orchestrators are registered.</source>
        <translation>Er zijn geen orchestrators geregistreerd.</translation>
    </message>
    <message>
        <source>An instance id may not contain / \ # or ?</source>
        <translation>Een instantie-id mag geen / \ # of ? bevatten</translation>
    </message>
    <message>
        <source>%1 is %2: an instance id can be reused only once it has finished. Choose another id, or terminate that instance first.</source>
        <translation>%1 is %2: een instantie-id kan pas opnieuw worden gebruikt als de instantie is afgelopen. Kies een andere id, of beëindig die instantie eerst.</translation>
    </message>
    <message>
        <source>Replace instance</source>
        <translation>Instantie vervangen</translation>
    </message>
    <message>
        <source>Replace the %1 instance %2 (finished %3)? Its history will be lost.</source>
        <translation>De instantie %2 (%1, afgelopen %3) vervangen? Haar geschiedenis gaat verloren.</translation>
    </message>
    <message>
        <source>&amp;Replace</source>
        <translation>&amp;Vervangen</translation>
    </message>
    <message>
        <source>Starting %1 failed.</source>
        <translation>Starten van %1 is mislukt.</translation>
    </message>
</context>
<context>
    <name>durable::views::SummaryPage</name>
    <message>
        <source>Waiting for</source>
        <translation>Wacht op</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>Invoer</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Uitvoer</translation>
    </message>
    <message>
        <source>Custom status</source>
        <translation>Aangepaste status</translation>
    </message>
    <message>
        <source>&lt;i&gt;Select an instance&lt;/i&gt;</source>
        <translation>&lt;i&gt;Selecteer een instantie&lt;/i&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; &amp;nbsp; %2%3 &amp;nbsp; &lt;b&gt;%4&lt;/b&gt;</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; &amp;nbsp; %2%3 &amp;nbsp; &lt;b&gt;%4&lt;/b&gt;</translation>
    </message>
    <message>
        <source> &amp;nbsp; parent: &lt;a href=&quot;%1&quot;&gt;%1&lt;/a&gt;</source>
        <translation> &amp;nbsp; ouder: &lt;a href=&quot;%1&quot;&gt;%1&lt;/a&gt;</translation>
    </message>
    <message>
        <source>Created %1 · last updated %2 · %3 %4 · execution %5</source>
        <translation>Aangemaakt %1 · laatst bijgewerkt %2 · %3 %4 · uitvoering %5</translation>
    </message>
    <message>
        <source>took</source>
        <translation>duurde</translation>
    </message>
    <message>
        <source>running for</source>
        <translation>loopt al</translation>
    </message>
    <message numerus="yes">
        <source>%n activity(ies) in flight</source>
        <translation>
            <numerusform>%n activiteit bezig</numerusform>
            <numerusform>%n activiteiten bezig</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n sub-orchestration(s) running</source>
        <translation>
            <numerusform>%n sub-orchestratie actief</numerusform>
            <numerusform>%n sub-orchestraties actief</numerusform>
        </translation>
    </message>
    <message>
        <source>Timer #%1 due %2 (in %3)</source>
        <translation>Timer #%1 verloopt %2 (over %3)</translation>
    </message>
    <message>
        <source>Fire now</source>
        <translation>Nu laten aflopen</translation>
    </message>
    <message>
        <source>External event: %1</source>
        <translation>Extern event: %1</translation>
    </message>
    <message>
        <source>Raise…</source>
        <translation>Versturen…</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Activity %1 failed</source>
        <translation>Activiteit %1 is mislukt</translation>
    </message>
    <message>
        <source>The orchestration failed</source>
        <translation>De orkestratie is mislukt</translation>
    </message>
    <message>
        <source>Forked from &lt;a href=&quot;%1&quot;&gt;%1&lt;/a&gt; at event %2 (version %3)</source>
        <translation>Afgesplitst van &lt;a href=&quot;%1&quot;&gt;%1&lt;/a&gt; bij gebeurtenis %2 (versie %3)</translation>
    </message>
    <message>
        <source>registered code</source>
        <translation>geregistreerde code</translation>
    </message>
    <message>
        <source>&lt;b&gt;Imported&lt;/b&gt; from %1 (original id %2), read-only: it can be inspected, replay-tested and forked, not run.</source>
        <translation>&lt;b&gt;Geïmporteerd&lt;/b&gt; uit %1 (oorspronkelijke id %2), alleen-lezen: te bekijken, opnieuw af te spelen en af te splitsen, niet uit te voeren.</translation>
    </message>
</context>
<context>
    <name>durable::views::TerminateDialog</name>
    <message>
        <source>Also terminate its &amp;sub-orchestrations</source>
        <translation>Ook de &amp;sub-orchestraties beëindigen</translation>
    </message>
    <message>
        <source>Terminate %1</source>
        <translation>%1 beëindigen</translation>
    </message>
    <message>
        <source>Terminated from the workbench</source>
        <translation>Beëindigd vanuit de workbench</translation>
    </message>
    <message>
        <source>&amp;Terminate</source>
        <translation>&amp;Beëindigen</translation>
    </message>
    <message>
        <source>The instance stops at once; this cannot be undone.</source>
        <translation>De instantie stopt meteen; dit kan niet ongedaan worden gemaakt.</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Reden:</translation>
    </message>
</context>
<context>
    <name>durable::views::ThroughputChart</name>
    <message>
        <source>Instances completed / s</source>
        <translation>Voltooide instanties / s</translation>
    </message>
    <message>
        <source>Activities completed / s</source>
        <translation>Voltooide activiteiten / s</translation>
    </message>
    <message>
        <source>seconds</source>
        <translation>seconden</translation>
    </message>
</context>
<context>
    <name>durable::views::TimelineView</name>
    <message>
        <source>events</source>
        <translation>events</translation>
    </message>
    <message>
        <source>Timeline: previous event</source>
        <translation>Tijdlijn: vorige gebeurtenis</translation>
    </message>
    <message>
        <source>Timeline: next event</source>
        <translation>Tijdlijn: volgende gebeurtenis</translation>
    </message>
    <message>
        <source>Timeline: first event</source>
        <translation>Tijdlijn: eerste gebeurtenis</translation>
    </message>
    <message>
        <source>Timeline: last event</source>
        <translation>Tijdlijn: laatste gebeurtenis</translation>
    </message>
    <message>
        <source>Timeline: zoom in at the pointer</source>
        <translation>Tijdlijn: inzoomen bij de aanwijzer</translation>
    </message>
    <message>
        <source>Timeline: zoom out at the pointer</source>
        <translation>Tijdlijn: uitzoomen bij de aanwijzer</translation>
    </message>
    <message>
        <source>Timeline: fit the run</source>
        <translation>Tijdlijn: hele uitvoering tonen</translation>
    </message>
    <message>
        <source>←/→ step through the history, Home/End jump, wheel zooms, +/− zoom, F fits, drag to pan; Ctrl+→/Ctrl+← expand/collapse the sub-orchestration at the cursor (or click its ▸)</source>
        <translation>←/→ stappen door de geschiedenis, Home/End springen, het wiel zoomt, +/− zoomen, F toont alles, slepen schuift; Ctrl+→/Ctrl+← klappen de sub-orchestratie bij de cursor open/dicht (of klik op zijn ▸)</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>%1 wordt geladen…</translation>
    </message>
    <message>
        <source>No activities, timers or sub-orchestrations</source>
        <translation>Geen activiteiten, timers of sub-orchestraties</translation>
    </message>
    <message>
        <source>Could not read %1: %2</source>
        <translation>Kan %1 niet lezen: %2</translation>
    </message>
    <message>
        <source>Timeline: expand the sub-orchestration at the cursor</source>
        <translation>Tijdlijn: sub-orchestratie bij de cursor openklappen</translation>
    </message>
    <message>
        <source>Timeline: collapse the sub-orchestration at the cursor</source>
        <translation>Tijdlijn: sub-orchestratie bij de cursor dichtklappen</translation>
    </message>
</context>
<context>
    <name>durable::views::WelcomePage</name>
    <message>
        <source>&lt;h2&gt;Welcome to Durable Workbench&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Welkom bij Durable Workbench&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>This task hub has no instances yet. Durable orchestrations are workflows whose every step is recorded in a history, so they survive restarts and can wait for days. Start a sample below and watch it run: the list updates live, the History tab steps through what happened, the Logs tab shows which lines were logged again while replaying.</source>
        <translation>Deze taakhub heeft nog geen instanties. Duurzame orchestraties zijn workflows waarvan elke stap in een geschiedenis wordt vastgelegd, zodat ze herstarts overleven en dagen kunnen wachten. Start hieronder een voorbeeld en kijk hoe het loopt: de lijst wordt live bijgewerkt, het tabblad Geschiedenis stapt door wat er gebeurde en het tabblad Logs toont welke regels bij het herhalen opnieuw zijn gelogd.</translation>
    </message>
    <message>
        <source>Start %1</source>
        <translation>%1 starten</translation>
    </message>
    <message>
        <source>Show the empty instance list</source>
        <translation>De lege lijst met instanties tonen</translation>
    </message>
</context>
<context>
    <name>durable::views::WorkbenchWidget</name>
    <message>
        <source>Instance actions</source>
        <translation>Instantieacties</translation>
    </message>
    <message>
        <source>&amp;Catalog</source>
        <translation>&amp;Catalogus</translation>
    </message>
    <message>
        <source>Approval i&amp;nbox</source>
        <translation>Goedkeurings-inbo&amp;x</translation>
    </message>
    <message>
        <source>&amp;Dashboard</source>
        <translation>Dashboa&amp;rd</translation>
    </message>
    <message>
        <source>Start…</source>
        <translation>Starten…</translation>
    </message>
    <message>
        <source>&amp;Go to instance id…</source>
        <translation>&amp;Ga naar instantie-id…</translation>
    </message>
    <message>
        <source>Ctrl+G</source>
        <translation>Ctrl+G</translation>
    </message>
    <message>
        <source>Filter by i&amp;d…</source>
        <translation>Filteren op i&amp;d…</translation>
    </message>
    <message>
        <source>Ctrl+F</source>
        <translation>Ctrl+F</translation>
    </message>
    <message>
        <source>Instance &amp;list</source>
        <translation>Instantie&amp;lijst</translation>
    </message>
    <message>
        <source>Ctrl+L</source>
        <translation>Ctrl+L</translation>
    </message>
    <message>
        <source>History &amp;timeline</source>
        <translation>Geschiedenis&amp;tijdlijn</translation>
    </message>
    <message>
        <source>Ctrl+T</source>
        <translation>Ctrl+T</translation>
    </message>
    <message>
        <source>&amp;Instance</source>
        <translation>&amp;Instantie</translation>
    </message>
    <message>
        <source>The engine reported a problem.</source>
        <translation>De engine meldde een probleem.</translation>
    </message>
    <message>
        <source>Could not read the instance.</source>
        <translation>Kan de instantie niet lezen.</translation>
    </message>
    <message>
        <source>Could not read the inbox.</source>
        <translation>Kan de inbox niet lezen.</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>&amp;Terug</translation>
    </message>
    <message>
        <source>Co&amp;mpare two runs</source>
        <translation>Twee uitvoeringen &amp;vergelijken</translation>
    </message>
    <message>
        <source>Alt+Left</source>
        <translation>Alt+Left</translation>
    </message>
    <message>
        <source>Back to the instance shown before the last link followed (Alt+Left)</source>
        <translation>Terug naar de instantie van vóór de laatst gevolgde koppeling (Alt+Left)</translation>
    </message>
    <message>
        <source>Ctrl+D</source>
        <translation>Ctrl+D</translation>
    </message>
    <message>
        <source>Compare the two selected instances&apos; histories side by side (Ctrl+D)</source>
        <translation>De geschiedenissen van de twee geselecteerde instanties naast elkaar vergelijken (Ctrl+D)</translation>
    </message>
    <message>
        <source>F&amp;ork from here…</source>
        <translation>Hier af&amp;splitsen…</translation>
    </message>
    <message>
        <source>Ctrl+Alt+F</source>
        <translation>Ctrl+Alt+F</translation>
    </message>
</context>
<context>
    <name>durable::views::WorkersBanner</name>
    <message>
        <source>No process runs this hub&apos;s workers: new work waits until one does.</source>
        <translation>Geen proces voert de workers van deze hub uit: nieuw werk wacht tot er een is.</translation>
    </message>
    <message>
        <source>an unknown time</source>
        <translation>een onbekend tijdstip</translation>
    </message>
    <message>
        <source>The workers of this hub run in process %1 on %2 (since %3). This window shows their changes as they happen and takes the workers over when that process stops.</source>
        <translation>De workers van deze hub draaien in proces %1 op %2 (sinds %3). Dit venster toont hun wijzigingen terwijl ze gebeuren en neemt de workers over wanneer dat proces stopt.</translation>
    </message>
    <message>
        <source>This window is a client of a hub that worker processes share (View ▸ Hub Workers lists them): it shows their changes as they happen and runs no workers itself (start it with --workers to run some here too).</source>
        <translation>Dit venster is een client van een hub die workerprocessen delen (Beeld ▸ Hubworkers toont ze): het toont hun wijzigingen terwijl ze gebeuren en draait zelf geen workers (start het met --workers om hier ook workers te draaien).</translation>
    </message>
    <message>
        <source>No worker process serves this hub: new work waits until one starts (for example durable-workbench --headless --hub URL --no-http).</source>
        <translation>Geen workerproces bedient deze hub: nieuw werk wacht tot er een start (bijvoorbeeld durable-workbench --headless --hub URL --no-http).</translation>
    </message>
</context>
</TS>
