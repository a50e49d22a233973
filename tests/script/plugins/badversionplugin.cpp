// A plugin that claims a future interface version: the loader must refuse it without running it.
#include "durableplugin.h"

#include <QObject>

class BadVersionPlugin : public QObject, public DurablePlugin {
    Q_OBJECT
    Q_PLUGIN_METADATA(IID DURABLE_PLUGIN_IID FILE "badversionplugin.json")
    Q_INTERFACES(DurablePlugin)

public:
    QString pluginName() const override { return QStringLiteral("bad version"); }
    void registerFunctions(durable::Registry &) override { qFatal("a refused plugin must not run"); }
};

#include "badversionplugin.moc"
