// HTTP request framing and routing: the bytes a client sends, fed to the strict validator once
// whole and once in pieces whose sizes the input's first byte chooses. Both must report the same
// requests and the same error (framing may not depend on how TCP splits the stream), consumption
// must stay within the input, and the request targets that frame correctly are routed.
#include "apirouter.h"
#include "fuzzcommon.h"
#include "requestframing.h"

#include <QUrl>

#include <cstddef>
#include <cstdint>

using namespace durable;
using namespace durable::http;

namespace {

struct Outcome {
    QList<QByteArray> heads; ///< method + target of each completed head
    int completed = 0;
    int status = 0;
};

Outcome run(QByteArrayView input, qsizetype piece)
{
    FramingLimits limits;
    limits.maxHeadBytes = 2048; // small, so that the fuzzer reaches the limits quickly
    limits.maxHeaderCount = 16;
    limits.maxBodyBytes = 4096;
    RequestFraming framing(limits);
    Outcome outcome;
    qsizetype offset = 0;
    while (offset < input.size() && outcome.status == 0) {
        QByteArrayView rest = input.sliced(offset, std::min(piece, input.size() - offset));
        for (;;) {
            const RequestFraming::Step step = framing.feed(rest);
            fuzz::require(step.consumed >= 0 && step.consumed <= rest.size(), "consumed within the input");
            rest = rest.sliced(step.consumed);
            offset += step.consumed;
            if (step.kind == RequestFraming::Kind::NeedMore) {
                fuzz::require(rest.isEmpty(), "NeedMore consumes everything");
                break;
            }
            if (step.kind == RequestFraming::Kind::Error) {
                outcome.status = framing.status();
                fuzz::require(outcome.status == 400 || outcome.status == 413 || outcome.status == 431
                                  || outcome.status == 501,
                              "errors are 400, 413, 431 or 501");
                break;
            }
            if (step.kind == RequestFraming::Kind::HeadComplete) {
                const RequestHead &head = framing.head();
                outcome.heads.append(head.method + ' ' + head.target);
                fuzz::require(head.target.size() <= limits.maxHeadBytes, "head within its limit");
                const QUrl url(QString::fromLatin1(head.target));
                (void)routeRequest(head.method, url.path(QUrl::FullyEncoded));
            } else {
                ++outcome.completed;
            }
        }
    }
    return outcome;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const qsizetype piece = 1 + data[0] % 17;
    const QByteArrayView input(reinterpret_cast<const char *>(data) + 1, qsizetype(size) - 1);
    const Outcome whole = run(input, input.size() + 1);
    const Outcome pieces = run(input, piece);
    fuzz::require(whole.heads == pieces.heads, "the same heads whatever the split");
    fuzz::require(whole.completed == pieces.completed, "the same requests whatever the split");
    fuzz::require(whole.status == pieces.status, "the same error whatever the split");
    return 0;
}
