using Amazon.CDK;
using Recommender.Deploy;

var app = new App();
RecommenderApp.Build(app);
app.Synth();
