module.exports = df(function* (context) { let a = ; });
