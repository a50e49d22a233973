// The sidecar server over a real socket against a real hub, driven by a gRPC client built from
// the same protos: listening errors, the API key, plain client calls, and one orchestration run
// by a hand-written worker (orchestrator step → activity → completion) with verbatim payloads.
#include "../engine/enginefixture.h"
#include "sidecarserver.h"

#include "sidecar_service.grpc.pb.h"

#include <grpcpp/grpcpp.h>

#include <QtConcurrent>

using namespace durable;
using durable::grpc::SidecarServer;
using durable::grpc::SidecarServerOptions;
namespace proto = durable::sidecar;

namespace {

constexpr int CallTimeoutMs = 20000;

/// Runs a blocking client call off the main thread while the main thread's event loop answers it.
template<typename F>
auto offThread(F f)
{
    auto future = QtConcurrent::run(std::move(f));
    [[maybe_unused]] const bool finished = QTest::qWaitFor([&] { return future.isFinished(); }, CallTimeoutMs);
    future.waitForFinished();
    return future.result();
}

std::unique_ptr<TaskHubSidecarService::Stub> stub(quint16 port)
{
    return TaskHubSidecarService::NewStub(
        ::grpc::CreateChannel("127.0.0.1:" + std::to_string(port), ::grpc::InsecureChannelCredentials()));
}

void withDeadline(::grpc::ClientContext &ctx, int ms)
{
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::milliseconds(ms));
}

} // namespace

class TestSidecarServer : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<testing::EngineFixture> m_hub;
    std::unique_ptr<SidecarServer> m_server;
    quint16 m_port = 0;

private Q_SLOTS:
    void init()
    {
        m_hub = std::make_unique<testing::EngineFixture>();
        QVERIFY(m_hub->open());
        SidecarServerOptions options;
        options.port = 0;
        m_server = std::make_unique<SidecarServer>(*m_hub->engine, options);
        auto port = m_server->listen();
        QVERIFY2(port, port ? "" : qPrintable(port.error().message));
        m_port = *port;
        QVERIFY(m_port != 0);
    }

    void cleanup()
    {
        m_server.reset(); // before the engine (shutdown finishes open calls)
        m_hub.reset();
    }

    void helloAndEndpoint()
    {
        QCOMPARE(m_server->endpoint(), QStringLiteral("127.0.0.1:%1").arg(m_port));
        const auto status = offThread([port = m_port] {
            ::grpc::ClientContext ctx;
            withDeadline(ctx, 5000);
            google::protobuf::Empty in, out;
            return stub(port)->Hello(&ctx, in, &out).error_code();
        });
        QCOMPARE(status, ::grpc::StatusCode::OK);
    }

    void listenErrors()
    {
        SidecarServerOptions same;
        same.port = m_port;
        SidecarServer second(*m_hub->engine, same);
        const auto taken = second.listen();
        QVERIFY(!taken);
        QCOMPARE(taken.error().code, ErrorCode::FailedPrecondition);
        QVERIFY(taken.error().message.contains(QString::number(m_port)));

        SidecarServerOptions open;
        open.bindAddress = QStringLiteral("0.0.0.0");
        open.port = 0;
        const auto noKey = SidecarServer(*m_hub->engine, open).listen();
        QVERIFY(!noKey);
        QCOMPARE(noKey.error().code, ErrorCode::InvalidArgument);

        SidecarServerOptions bad;
        bad.bindAddress = QStringLiteral("not-an-address");
        bad.port = 0;
        const auto invalid = SidecarServer(*m_hub->engine, bad).listen();
        QVERIFY(!invalid);
        QCOMPARE(invalid.error().code, ErrorCode::InvalidArgument);
    }

    void apiKey()
    {
        SidecarServerOptions options;
        options.port = 0;
        options.apiKey = QStringLiteral("s3cret");
        SidecarServer keyed(*m_hub->engine, options);
        const auto port = keyed.listen();
        QVERIFY(port);
        const auto hello = [p = *port](const char *authorization) {
            return offThread([p, authorization] {
                ::grpc::ClientContext ctx;
                withDeadline(ctx, 5000);
                if (authorization)
                    ctx.AddMetadata("authorization", authorization);
                google::protobuf::Empty in, out;
                return stub(p)->Hello(&ctx, in, &out).error_code();
            });
        };
        QCOMPARE(hello(nullptr), ::grpc::StatusCode::UNAUTHENTICATED);
        QCOMPARE(hello("Bearer wrong"), ::grpc::StatusCode::UNAUTHENTICATED);
        QCOMPARE(hello("Bearer s3cret"), ::grpc::StatusCode::OK);
    }

    void unknownInstanceAndUnsupportedCalls()
    {
        const auto result = offThread([port = m_port] {
            auto s = stub(port);
            QStringList out;
            {
                ::grpc::ClientContext ctx;
                proto::GetInstanceRequest req;
                req.set_instanceid("nope");
                proto::GetInstanceResponse resp;
                resp.set_exists(true);
                const auto st = s->GetInstance(&ctx, req, &resp);
                out << QString::number(st.error_code())
                    << (resp.exists() ? QStringLiteral("exists") : QStringLiteral("absent"));
            }
            {
                ::grpc::ClientContext ctx;
                proto::RaiseEventRequest req;
                req.set_instanceid("nope");
                req.set_name("e");
                proto::RaiseEventResponse resp;
                out << QString::number(s->RaiseEvent(&ctx, req, &resp).error_code());
            }
            {
                ::grpc::ClientContext ctx;
                proto::SignalEntityRequest req;
                proto::SignalEntityResponse resp;
                const auto st = s->SignalEntity(&ctx, req, &resp);
                out << QString::number(st.error_code()) << QString::fromStdString(st.error_message());
            }
            {
                ::grpc::ClientContext ctx;
                proto::OrchestratorResponse req;
                req.set_completiontoken("abc");
                proto::CompleteTaskResponse resp;
                out << QString::number(s->CompleteOrchestratorTask(&ctx, req, &resp).error_code());
            }
            {
                ::grpc::ClientContext ctx;
                proto::AbandonActivityTaskRequest req;
                req.set_completiontoken("99999");
                proto::AbandonActivityTaskResponse resp;
                out << QString::number(s->AbandonTaskActivityWorkItem(&ctx, req, &resp).error_code());
            }
            return out;
        });
        QCOMPARE(result.size(), 7);
        QCOMPARE(result.at(0).toInt(), int(::grpc::StatusCode::OK));
        QCOMPARE(result.at(1), QStringLiteral("absent"));
        QCOMPARE(result.at(2).toInt(), int(::grpc::StatusCode::NOT_FOUND));
        QCOMPARE(result.at(3).toInt(), int(::grpc::StatusCode::UNIMPLEMENTED));
        QVERIFY(result.at(4).contains(QStringLiteral("entities")));
        QCOMPARE(result.at(5).toInt(), int(::grpc::StatusCode::INVALID_ARGUMENT));
        QCOMPARE(result.at(6).toInt(), int(::grpc::StatusCode::NOT_FOUND));
    }

    void waitHonoursTheDeadline()
    {
        // Scheduled an hour ahead, the instance stays Pending.
        const auto code = offThread([port = m_port] {
            auto s = stub(port);
            ::grpc::ClientContext startCtx;
            proto::CreateInstanceRequest start;
            start.set_instanceid("later");
            start.set_name("Remote");
            start.mutable_scheduledstarttimestamp()->set_seconds(
                std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
                    .count()
                + 3600);
            proto::CreateInstanceResponse started;
            if (auto st = s->StartInstance(&startCtx, start, &started); !st.ok())
                return st.error_code();
            ::grpc::ClientContext ctx;
            withDeadline(ctx, 300);
            proto::GetInstanceRequest req;
            req.set_instanceid("later");
            proto::GetInstanceResponse resp;
            return s->WaitForInstanceStart(&ctx, req, &resp).error_code();
        });
        QCOMPARE(code, ::grpc::StatusCode::DEADLINE_EXCEEDED);
    }

    /// A hand-written worker runs "Greet": one activity, then completes with the activity's
    /// object output; payload text and custom status come back byte for byte.
    void orchestrationThroughAWorker()
    {
        const QString error = offThread([port = m_port]() -> QString {
            auto s = stub(port);
            {
                ::grpc::ClientContext ctx;
                proto::CreateInstanceRequest start;
                start.set_instanceid("greet-1");
                start.set_name("Greet");
                start.mutable_input()->set_value(R"({"who":"World","b":1,"a":2})");
                proto::CreateInstanceResponse started;
                if (auto st = s->StartInstance(&ctx, start, &started); !st.ok())
                    return QStringLiteral("StartInstance: ") + QString::fromStdString(st.error_message());
            }
            ::grpc::ClientContext streamCtx;
            withDeadline(streamCtx, 15000);
            auto reader = s->GetWorkItems(&streamCtx, proto::GetWorkItemsRequest());
            proto::WorkItem item;

            // Step 1: the orchestrator schedules "Hello".
            if (!reader->Read(&item) || !item.has_orchestratorrequest())
                return QStringLiteral("no first orchestrator work item");
            bool sawInput = false;
            for (const auto &e : item.orchestratorrequest().newevents())
                sawInput |= e.has_executionstarted()
                    && e.executionstarted().input().value() == R"({"who":"World","b":1,"a":2})";
            if (!sawInput)
                return QStringLiteral("ExecutionStarted input not verbatim");
            {
                ::grpc::ClientContext ctx;
                proto::OrchestratorResponse r;
                r.set_instanceid("greet-1");
                r.set_completiontoken(item.completiontoken());
                auto *a = r.add_actions();
                a->set_id(0);
                a->mutable_scheduletask()->set_name("Hello");
                a->mutable_scheduletask()->mutable_input()->set_value(R"({"b":1,"a":2})");
                proto::CompleteTaskResponse done;
                if (auto st = s->CompleteOrchestratorTask(&ctx, r, &done); !st.ok())
                    return QStringLiteral("step 1: ") + QString::fromStdString(st.error_message());
            }

            // The activity.
            if (!reader->Read(&item) || !item.has_activityrequest())
                return QStringLiteral("no activity work item");
            if (item.activityrequest().name() != "Hello"
                || item.activityrequest().input().value() != R"({"b":1,"a":2})")
                return QStringLiteral("activity request differs");
            {
                ::grpc::ClientContext ctx;
                proto::ActivityResponse r;
                r.set_instanceid("greet-1");
                r.set_taskid(item.activityrequest().taskid());
                r.set_completiontoken(item.completiontoken());
                r.mutable_result()->set_value(R"({"z":"Hello","y":0})");
                proto::CompleteTaskResponse done;
                if (auto st = s->CompleteActivityTask(&ctx, r, &done); !st.ok())
                    return QStringLiteral("activity: ") + QString::fromStdString(st.error_message());
            }

            // Step 2: completes with the activity's result and a non-JSON custom status.
            if (!reader->Read(&item) || !item.has_orchestratorrequest())
                return QStringLiteral("no second orchestrator work item");
            std::string result;
            for (const auto &e : item.orchestratorrequest().newevents()) {
                if (e.has_taskcompleted())
                    result = e.taskcompleted().result().value();
            }
            if (result != R"({"z":"Hello","y":0})")
                return QStringLiteral("TaskCompleted result not verbatim: ") + QString::fromStdString(result);
            {
                ::grpc::ClientContext ctx;
                proto::OrchestratorResponse r;
                r.set_instanceid("greet-1");
                r.set_completiontoken(item.completiontoken());
                r.mutable_customstatus()->set_value("foobaz");
                auto *a = r.add_actions();
                a->set_id(1);
                a->mutable_completeorchestration()->set_orchestrationstatus(proto::ORCHESTRATION_STATUS_COMPLETED);
                a->mutable_completeorchestration()->mutable_result()->set_value(result);
                proto::CompleteTaskResponse done;
                if (auto st = s->CompleteOrchestratorTask(&ctx, r, &done); !st.ok())
                    return QStringLiteral("step 2: ") + QString::fromStdString(st.error_message());
            }
            {
                ::grpc::ClientContext ctx;
                withDeadline(ctx, 10000);
                proto::GetInstanceRequest req;
                req.set_instanceid("greet-1");
                req.set_getinputsandoutputs(true);
                proto::GetInstanceResponse resp;
                if (auto st = s->WaitForInstanceCompletion(&ctx, req, &resp); !st.ok())
                    return QStringLiteral("wait: ") + QString::fromStdString(st.error_message());
                const auto &state = resp.orchestrationstate();
                if (state.orchestrationstatus() != proto::ORCHESTRATION_STATUS_COMPLETED)
                    return QStringLiteral("status %1").arg(int(state.orchestrationstatus()));
                if (state.output().value() != R"({"z":"Hello","y":0})" || state.customstatus().value() != "foobaz"
                    || state.input().value() != R"({"who":"World","b":1,"a":2})")
                    return QStringLiteral("payloads differ");
                if (state.has_failuredetails())
                    return QStringLiteral("failure details on a completed instance");
            }
            streamCtx.TryCancel();
            return {};
        });
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QTRY_VERIFY_WITH_TIMEOUT(m_server->workers().isEmpty(), 5000);
    }
};

QTEST_GUILESS_MAIN(TestSidecarServer)
#include "tst_sidecarserver.moc"
