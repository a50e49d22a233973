// The headless binary on a hub with a page damaged after open: a read that hits it is answered
// with an error (never a partial 200), writes with 503 naming the damaged state, and stderr says
// so once, with a time.
#include "../engine/damagedhub.h"
#include "apikey.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace durable;

class TestDamagedHub : public QObject {
    Q_OBJECT

private:
    struct Answer {
        int status = 0;
        QByteArray body;
        QString message() const { return QJsonDocument::fromJson(body).object().value(u"Message").toString(); }
    };

    Answer call(const QByteArray &method, const QString &path, const QString &query = {})
    {
        QUrl url(m_base + path);
        url.setQuery(QStringLiteral("code=") + QString::fromLatin1(m_key)
                     + (query.isEmpty() ? QString() : u'&' + query));
        QNetworkRequest request(url);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
        QNetworkReply *reply
            = m_nam.sendCustomRequest(request, method, method == "POST" ? QByteArray("1") : QByteArray());
        QSignalSpy finished(reply, &QNetworkReply::finished);
        Answer answer;
        if (reply->isFinished() || finished.wait(30000)) {
            answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            answer.body = reply->readAll();
        }
        reply->deleteLater();
        return answer;
    }

    QNetworkAccessManager m_nam;
    QString m_base;
    QByteArray m_key;

private Q_SLOTS:
    void damagedHistoryOverHttp()
    {
        QTemporaryDir dir;
        const QString hub = dir.filePath(QStringLiteral("hub.sqlite"));
        const auto damaged = testing::makeDamagedHub(hub);
        QVERIFY2(damaged.error.isEmpty(), qPrintable(damaged.error));

        const QString keyFile = dir.filePath(QStringLiteral("api.key"));
        QProcess process;
        auto env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("DURABLE_DEEP_CHECK_BYTES"), QStringLiteral("0")); // as a hub over 32 MB
        process.setProcessEnvironment(env);
        process.start(QStringLiteral(DURABLE_WORKBENCH_BINARY),
                      { QStringLiteral("--headless"), QStringLiteral("--hub"), hub, QStringLiteral("--http-port"),
                        QStringLiteral("0"), QStringLiteral("--http-key-file"), keyFile });
        QVERIFY(process.waitForStarted(10000));
        const QRegularExpression baseLine(QStringLiteral("HTTP API: (http://127\\.0\\.0\\.1:\\d+/\\S+/)"));
        QByteArray out;
        QTRY_VERIFY_WITH_TIMEOUT(
            process.state() != QProcess::Running
                || baseLine.match(QString::fromUtf8(out += process.readAllStandardOutput())).hasMatch(),
            30000);
        QVERIFY2(process.state() == QProcess::Running, process.readAllStandardError().constData());
        m_base = baseLine.match(QString::fromUtf8(out)).captured(1);
        m_key = http::ApiKeys::readOrCreateKeyFile(keyFile).value_or(QByteArray());

        // The instance row reads; its history does not: an error with the reason, not a partial 200.
        QCOMPARE(call("GET", QStringLiteral("instances/") + damaged.instanceId).status, 200);
        const auto full
            = call("GET", QStringLiteral("instances/") + damaged.instanceId, QStringLiteral("showHistory=true"));
        QCOMPARE(full.status, 500);
        QVERIFY2(full.message().startsWith(QLatin1String("Corrupt: ")), full.body.constData());

        // Damaged now: writes answered 503 with what happened and how to check the file.
        const auto start = call("POST", QStringLiteral("orchestrators/FunctionChaining"));
        QCOMPARE(start.status, 503);
        QVERIFY2(start.message().contains(QLatin1String("damaged")), start.body.constData());
        QVERIFY2(start.message().contains(QLatin1String("integrity_check")), start.body.constData());
        const auto purge = call("DELETE", QStringLiteral("instances/") + damaged.instanceId);
        QCOMPARE(purge.status, 503);
        QVERIFY2(purge.message().contains(QLatin1String("damaged")), purge.body.constData());
        // Reads that work go on.
        QCOMPARE(call("GET", QStringLiteral("instances")).status, 200);
        QCOMPARE(
            call("GET", QStringLiteral("instances/") + damaged.instanceId, QStringLiteral("showHistory=true")).status,
            500);

        // stderr: the state change once, with a time.
        QByteArray err;
        QTRY_VERIFY_WITH_TIMEOUT((err += process.readAllStandardError()).contains("damaged"), 10000);
        process.terminate();
        QVERIFY(process.waitForFinished(30000));
        err += process.readAllStandardError();
        const QRegularExpression stamped(QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d .+"));
        int lines = 0;
        for (const auto &line : err.split('\n')) {
            if (!line.contains("The task hub is damaged"))
                continue;
            ++lines;
            QVERIFY2(stamped.match(QString::fromUtf8(line)).hasMatch(), line.constData());
        }
        QVERIFY2(lines == 1, err.constData());
    }
};

QTEST_GUILESS_MAIN(TestDamagedHub)
#include "tst_damagedhub.moc"
