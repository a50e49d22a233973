#include "instanceid.h"

#include <QDateTime>
#include <QRandomGenerator>

namespace durable {

QString newId()
{
    const quint64 ms = quint64(QDateTime::currentMSecsSinceEpoch()) & 0xFFFF'FFFF'FFFFull;
    const quint64 randA = QRandomGenerator::system()->generate64();
    const quint64 randB = QRandomGenerator::system()->generate64();
    // 48 bits of time, version 7, 12 random bits; variant 0b10, 62 random bits.
    const quint64 high = (ms << 16) | 0x7000u | (randA & 0x0FFFu);
    const quint64 low = (randB & 0x3FFF'FFFF'FFFF'FFFFull) | 0x8000'0000'0000'0000ull;
    return QStringLiteral("%1%2").arg(high, 16, 16, QLatin1Char('0')).arg(low, 16, 16, QLatin1Char('0'));
}

namespace {
    bool isForbidden(QChar c)
    {
        return c == u'/' || c == u'\\' || c == u'#' || c == u'?';
    }
} // namespace

QString InstanceIdProblem::detail() const
{
    switch (rule) {
    case InstanceIdRule::Empty:
        return QStringLiteral("the instance id is empty");
    case InstanceIdRule::TooLong:
        return QStringLiteral("the instance id has %1 characters; at most %2 are allowed").arg(length).arg(maxLength);
    case InstanceIdRule::EntityPrefix:
        return QStringLiteral("the instance id starts with '@', which is reserved for entities");
    case InstanceIdRule::ForbiddenCharacter:
    case InstanceIdRule::ControlCharacter:
        // A control character would be invisible or break the line: show its code instead.
        return QStringLiteral("the instance id contains '%1', which is not allowed (no /, \\, #, ? or control "
                              "characters)")
            .arg(rule == InstanceIdRule::ControlCharacter
                     ? QStringLiteral("\\u%1").arg(uint(character.unicode()), 4, 16, QLatin1Char('0'))
                     : QString(character));
    case InstanceIdRule::SurroundingWhiteSpace:
        return QStringLiteral("the instance id starts or ends with white space");
    case InstanceIdRule::DotSegment:
        return QStringLiteral("the instance id must not be \".\" or \"..\"");
    case InstanceIdRule::InvalidEncoding:
        return QStringLiteral("the instance id is not valid Unicode (an unpaired surrogate or U+FFFD, the trace of "
                              "invalid UTF-8)");
    }
    return {};
}

std::optional<InstanceIdProblem> checkInstanceId(const QString &id, const InstanceIdRules &rules)
{
    if (id.isEmpty())
        return InstanceIdProblem { .rule = InstanceIdRule::Empty };
    if (id.size() > rules.maxLength)
        return InstanceIdProblem { .rule = InstanceIdRule::TooLong, .length = id.size(), .maxLength = rules.maxLength };
    if (rules.refuseEntityPrefix && id.startsWith(u'@'))
        return InstanceIdProblem { .rule = InstanceIdRule::EntityPrefix, .character = u'@' };
    if (id == QLatin1String(".") || id == QLatin1String(".."))
        return InstanceIdProblem { .rule = InstanceIdRule::DotSegment, .character = u'.' };
    for (qsizetype i = 0; i < id.size(); ++i) {
        const QChar c = id.at(i);
        if (c.isHighSurrogate() && i + 1 < id.size() && id.at(i + 1).isLowSurrogate()) {
            ++i;
            continue;
        }
        if (c.isSurrogate() || c == QChar::ReplacementCharacter)
            return InstanceIdProblem { .rule = InstanceIdRule::InvalidEncoding, .character = c };
        if (isForbidden(c))
            return InstanceIdProblem { .rule = InstanceIdRule::ForbiddenCharacter, .character = c };
        if (c.category() == QChar::Other_Control)
            return InstanceIdProblem { .rule = InstanceIdRule::ControlCharacter, .character = c };
    }
    if (id != id.trimmed())
        return InstanceIdProblem { .rule = InstanceIdRule::SurroundingWhiteSpace };
    return std::nullopt;
}

Status instanceIdStatus(const QString &id, const InstanceIdRules &rules)
{
    if (const auto problem = checkInstanceId(id, rules))
        return fail(ErrorCode::InvalidArgument, problem->detail());
    return {};
}

} // namespace durable
