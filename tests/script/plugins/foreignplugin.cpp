// A Qt plugin of some other application.
#include <QObject>
#include <QtPlugin>

class ForeignPlugin : public QObject {
    Q_OBJECT
    Q_PLUGIN_METADATA(IID "org.example.SomethingElse")
};

#include "foreignplugin.moc"
