<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl">
<context>
    <name>CommandLine</name>
    <message>
        <source>Runs and inspects durable orchestrations on an embedded SQLite task hub.</source>
        <translation>Voert duurzame orkestraties uit op een ingebouwde SQLite-taakhub en laat ze inspecteren.</translation>
    </message>
    <message>
        <source>Task hub to open: an SQLite file, created when missing. Default: %1.</source>
        <translation>Te openen taakhub: een SQLite-bestand, dat wordt aangemaakt als het ontbreekt. Standaard: %1.</translation>
    </message>
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
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Durable Workbench — %1</source>
        <translation>Durable Workbench — %1</translation>
    </message>
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
        <source>&lt;h3&gt;Durable Workbench %1&lt;/h3&gt;&lt;p&gt;Runs durable orchestrations on an embedded SQLite task hub and shows their instances, histories and logs.&lt;/p&gt;&lt;p&gt;Task hub: %2&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Durable Workbench %1&lt;/h3&gt;&lt;p&gt;Voert duurzame orkestraties uit op een ingebouwde SQLite-taakhub en toont hun instanties, geschiedenis en logboeken.&lt;/p&gt;&lt;p&gt;Taakhub: %2&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>Workbench</name>
    <message>
        <source>Durable Workbench</source>
        <translation>Durable Workbench</translation>
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
</TS>
