#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

// Runs the real durable-workbench executable, headless, and checks what a user or a script sees:
// exit codes, stdout and stderr, and (on a private Xvfb server) the main window on the screen.
class TestLaunch : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void helpExitsZero();
    void versionPrintsVersion();
    void badOptionExitsOne();
    void unopenableHubExitsTwo_data();
    void unopenableHubExitsTwo();
    void hubErrorInDutchWithLangNl();
    void openableHubShowsTheWindow();
    void defaultHubIsInAppData();

private:
    struct Run {
        int exitCode = -1;
        QString out;
        QString err;
    };
    Run run(const QStringList &arguments);
    void startAndWaitForFile(QProcess &process, const QStringList &arguments, const QString &expectedFile);
    /// Starts a virtual X server on a free display that a client can reach; returns its name (":N"),
    /// empty on failure.
    static QString startXvfb(QProcess &server);
    /// Whether a window whose title contains `title` is mapped and viewable on `display`.
    static bool windowViewable(const QString &display, const QString &title);

    std::unique_ptr<QTemporaryDir> m_dir;
    QProcessEnvironment m_environment;
};

void TestLaunch::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_environment = QProcessEnvironment::systemEnvironment();
    // No display, English texts unless --lang says otherwise, and private app-data and settings.
    m_environment.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
    m_environment.insert(u"LC_ALL"_s, u"C.UTF-8"_s);
    m_environment.remove(u"LANGUAGE"_s);
    m_environment.insert(u"XDG_DATA_HOME"_s, m_dir->filePath(u"data"_s));
    m_environment.insert(u"XDG_CONFIG_HOME"_s, m_dir->filePath(u"config"_s)); // window layout, recent hubs
}

TestLaunch::Run TestLaunch::run(const QStringList &arguments)
{
    QProcess process;
    process.setProcessEnvironment(m_environment);
    process.start(QStringLiteral(DURABLE_WORKBENCH_EXE), arguments);
    Run result;
    if (!process.waitForFinished(60000) || process.exitStatus() != QProcess::NormalExit) {
        process.kill();
        process.waitForFinished();
        result.err = u"did not exit normally: "_s + process.errorString();
        return result;
    }
    result.exitCode = process.exitCode();
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

void TestLaunch::helpExitsZero()
{
    const Run result = run({ u"--help"_s });
    QCOMPARE(result.exitCode, 0);
    QVERIFY2(result.out.contains("--hub <path|url>"_L1), qPrintable(result.out));
    QVERIFY2(result.out.contains("--sync <full|normal>"_L1), qPrintable(result.out));
}

void TestLaunch::versionPrintsVersion()
{
    const Run result = run({ u"--version"_s });
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(result.out.trimmed(), u"durable-workbench " DURABLE_VERSION ""_s);
}

void TestLaunch::badOptionExitsOne()
{
    const Run result = run({ u"--sync"_s, u"sometimes"_s });
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.err.contains("\"sometimes\" for --sync"_L1), qPrintable(result.err));
}

void TestLaunch::unopenableHubExitsTwo_data()
{
    QTest::addColumn<QString>("kind");
    QTest::newRow("a directory") << u"directory"_s;
    QTest::newRow("a file of garbage") << u"garbage"_s;
    QTest::newRow("in a missing directory") << u"missing-parent"_s;
}

void TestLaunch::unopenableHubExitsTwo()
{
    QFETCH(QString, kind);
    QString hub;
    QByteArray garbage;
    if (kind == "directory"_L1) {
        hub = m_dir->filePath(u"adirectory"_s);
        QVERIFY(QDir().mkpath(hub));
    } else if (kind == "garbage"_L1) {
        hub = m_dir->filePath(u"garbage.sqlite"_s);
        garbage = QByteArray(8192, 'x');
        for (int i = 0; i < garbage.size(); i += 7) {
            garbage[i] = char(i * 31);
        }
        QFile file(hub);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(garbage);
    } else {
        hub = m_dir->filePath(u"no/such/dir/hub.sqlite"_s);
    }

    const Run result = run({ u"--hub"_s, hub });
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.err.contains(u"Cannot open the task hub "_s + hub), qPrintable(result.err));
    if (!garbage.isEmpty()) {
        QFile file(hub);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY2(file.readAll() == garbage, "a failed open must not change the file");
    }
}

void TestLaunch::hubErrorInDutchWithLangNl()
{
    const QString hub = m_dir->filePath(u"adirectory"_s);
    QVERIFY(QDir().mkpath(hub));
    const Run result = run({ u"--lang"_s, u"nl"_s, u"--hub"_s, hub });
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.err.contains(u"Kan de taakhub "_s + hub + u" niet openen."_s), qPrintable(result.err));
}

void TestLaunch::startAndWaitForFile(QProcess &process, const QStringList &arguments, const QString &expectedFile)
{
    process.setProcessEnvironment(m_environment);
    process.start(QStringLiteral(DURABLE_WORKBENCH_EXE), arguments);
    QVERIFY(process.waitForStarted());
    // The hub file appears once the engine opened it; the process must then stay in its event loop.
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(expectedFile) || process.state() == QProcess::NotRunning, 30000);
    QVERIFY2(process.state() == QProcess::Running, qPrintable(QString::fromUtf8(process.readAllStandardError())));
    QVERIFY(!process.waitForFinished(500));
    process.kill();
    process.waitForFinished();
}

QString TestLaunch::startXvfb(QProcess &server)
{
    // A display is only used once a client has connected to it: Xvfb may take a display whose
    // socket some other server on this machine answers (seen once in CI as "could not connect to
    // display :0"). Explicit numbers away from :0, spread by process id, so a retry moves on.
    const int first = 40 + int(QCoreApplication::applicationPid() % 400);
    for (int display = first; display < first + 8; ++display) {
        const QString name = u":"_s + QString::number(display);
        // -displayfd: the server writes the number once it accepts clients; it exits at once if the
        // display's lock or socket is taken. -noreset: by default the server resets when its last
        // client leaves (here the xdpyinfo probe) and drops a client whose setup arrives during
        // that reset, which CI once saw as the app's "could not connect to display :312"
        // (xorg/xserver issue 1102).
        server.start(u"Xvfb"_s,
                     { name, u"-displayfd"_s, u"1"_s, u"-noreset"_s, u"-nolisten"_s, u"tcp"_s, u"-screen"_s, u"0"_s,
                       u"1280x1024x24"_s });
        if (!server.waitForStarted())
            return {};
        bool ready = true;
        while (ready && !server.canReadLine())
            ready = server.waitForReadyRead(30000);
        if (ready) {
            QProcess probe;
            probe.start(u"xdpyinfo"_s, { u"-display"_s, name });
            if (probe.waitForFinished(10000) && probe.exitStatus() == QProcess::NormalExit && probe.exitCode() == 0)
                return name;
            probe.kill();
            probe.waitForFinished();
        }
        server.kill();
        server.waitForFinished();
    }
    return {};
}

bool TestLaunch::windowViewable(const QString &display, const QString &title)
{
    auto xwininfo = [&](const QStringList &arguments) {
        QProcess process;
        process.start(u"xwininfo"_s, QStringList { u"-display"_s, display } + arguments);
        process.waitForFinished(10000);
        return QString::fromUtf8(process.readAllStandardOutput());
    };
    // Lines of the tree read `0x400007 "title": ("class" "Class")  1100x700+0+0  +0+0`; a window
    // may exist before it is mapped, so each candidate's map state is asked for.
    const QStringList tree = xwininfo({ u"-root"_s, u"-tree"_s }).split(u'\n');
    for (const QString &line : tree) {
        if (!line.contains(title))
            continue;
        const QString id = line.trimmed().section(u' ', 0, 0);
        if (xwininfo({ u"-id"_s, id }).contains("Map State: IsViewable"_L1))
            return true;
    }
    return false;
}

void TestLaunch::openableHubShowsTheWindow()
{
    // Offscreen windows cannot be seen from outside the process: this one runs on a virtual X
    // server (xvfb and x11-utils are in scripts/debian-packages.txt) where xwininfo can find it.
    QProcess xvfb;
    const QString display = startXvfb(xvfb);
    QVERIFY2(
        !display.isEmpty(),
        qPrintable(u"Xvfb did not start: "_s + xvfb.errorString() + QString::fromUtf8(xvfb.readAllStandardError())));
    m_environment.insert(u"QT_QPA_PLATFORM"_s, u"xcb"_s);
    m_environment.insert(u"DISPLAY"_s, display);

    const QString hub = m_dir->filePath(u"fresh.sqlite"_s);
    QProcess process;
    process.setProcessEnvironment(m_environment);
    process.start(QStringLiteral(DURABLE_WORKBENCH_EXE), { u"--hub"_s, hub, u"--sync"_s, u"normal"_s });
    QVERIFY(process.waitForStarted());
    // The title names the hub's file, so no other window on this private server can be mistaken
    // for it.
    QTRY_VERIFY_WITH_TIMEOUT(windowViewable(display, u"fresh.sqlite — Durable Workbench"_s)
                                 || process.state() == QProcess::NotRunning,
                             30000);
    QVERIFY2(process.state() == QProcess::Running, qPrintable(QString::fromUtf8(process.readAllStandardError())));
    QVERIFY(QFile::exists(hub));
    process.kill();
    process.waitForFinished();
    xvfb.terminate();
    xvfb.waitForFinished();
}

void TestLaunch::defaultHubIsInAppData()
{
    const QString hub = m_dir->filePath(u"data/DurableWorkbench/durable-workbench/hub.sqlite"_s);
    QProcess process;
    startAndWaitForFile(process, {}, hub);
}

QTEST_GUILESS_MAIN(TestLaunch)
#include "tst_launch.moc"
