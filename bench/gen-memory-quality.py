# Generates src/main/resources/memory-quality.json (run from bench/): a labelled set for memory recall and contradictions.
import json, random
random.seed(13)
people = [("the user","my","I","me"),]
rel = ["sister Ana","brother Luis","mother Rosa","father Pedro","colleague Tom","manager Priya","friend Kenji","neighbour Olga",
       "cousin Marta","partner Sam","son Leo","daughter Mia","grandmother Ines","uncle Raj","aunt Chloe","flatmate Ben",
       "mentor Grace","coach Dmitri","dentist Dr Park","landlord Mr Osei","best friend Zoe","teammate Ravi","boss Helen",
       "client Acme's CTO Jun","tutor Amelie","niece Lara","nephew Omar","godfather Henrik","doctor Dr Silva"]
cities=["Lisbon","Porto","Madrid","Berlin","Osaka","Toronto","Nairobi","Lima","Oslo","Krakow","Austin","Melbourne","Seoul","Dublin","Cairo","Quito","Riga","Hanoi","Accra","Perth"]
jobs=["nurse","carpenter","data engineer","pilot","teacher","architect","chef","lawyer","paramedic","translator","plumber","pharmacist","photographer","journalist","accountant","electrician","baker","veterinarian","firefighter","librarian"]
foods=["sushi","lasagna","pho","tacos","paella","ramen","falafel","pierogi","curry","ceviche","dumplings","moussaka","risotto","bibimbap","shakshuka"]
allergies=["peanuts","shellfish","penicillin","pollen","cats","gluten","latex","bee stings","dust mites","eggs"]
pets=["a beagle called Max","a cat named Luna","two goldfish","a parrot called Kiwi","a rabbit named Bun","a tortoise called Speedy","a husky named Storm","a hamster called Nibbles"]
langs=["Portuguese","Japanese","Swahili","Polish","Korean","Arabic","Finnish","Greek","Hindi","Dutch","Turkish","Vietnamese"]
sports=["tennis","rock climbing","rowing","chess","cricket","judo","surfing","basketball","fencing","cycling","volleyball","archery"]
cars=["a red Fiat 500","a Tesla Model 3","a Volvo estate","a bicycle, no car","a Toyota Hilux","a vintage Mini","a Renault Zoe","a Ford Transit van"]
bands=["Radiohead","ABBA","Fela Kuti","BTS","Miles Davis","Metallica","Caetano Veloso","Daft Punk","Nina Simone","Queen","Bjork","Coldplay"]
months=["January","February","March","April","May","June","July","August","September","October","November","December"]
attrs = [
 ("lives_in","location",cities,"{s} lives in {o}.",["Which city does {p} live in?","Where is {p}'s home these days?","What town is {p} based in?"]),
 ("works_as","work",jobs,"{s} works as {a} {o}.",["What does {p} do for a living?","What is {p}'s job?","Which profession is {p} in?"]),
 ("favourite_food","preference",foods,"{s}'s favourite food is {o}.",["What does {p} like to eat most?","Which dish does {p} love?","What should I cook for {p}?"]),
 ("allergic_to","health",allergies,"{s} is allergic to {o}.",["What is {p} allergic to?","Which allergy does {p} have?","What must {p} avoid for health reasons?"]),
 ("has_pet","personal",pets,"{s} has {o}.",["What pet does {p} have?","Does {p} own an animal?","Which animal lives with {p}?"]),
 ("speaks","personal",langs,"{s} speaks {o}.",["Which language does {p} speak?","What language can {p} talk in?","Is {p} fluent in any foreign language?"]),
 ("plays","hobby",sports,"{s} plays {o} on weekends.",["What sport does {p} do?","How does {p} spend weekends?","Which game does {p} practise?"]),
 ("drives","personal",cars,"{s} drives {o}.",["What car does {p} have?","How does {p} get around?","Which vehicle does {p} use?"]),
 ("likes_band","preference",bands,"{s}'s favourite musician is {o}.",["What music does {p} listen to?","Who is {p}'s favourite artist?","Which band does {p} love?"]),
 ("birthday_month","personal",months,"{s}'s birthday is in {o}.",["When is {p}'s birthday?","In which month was {p} born?","When should I send {p} a card?"]),
]
subjects = ["The user"] + ["The user's "+r for r in rel]
possess = ["the user"] + ["my "+r for r in rel]
facts=[];questions=[];contradictions=[]
for si,(s,p) in enumerate(zip(subjects,possess)):
    for (pred,cat,vals,tmpl,qs) in attrs:
        o = random.choice(vals)
        fid = f"f{len(facts):03d}"
        text = tmpl.format(s=s,o=o,a=("an" if o[0] in "aeiou" else "a"))
        facts.append({"id":fid,"subject":s[4:] if s.startswith("The ") else s,"predicate":pred,"object":o,"category":cat,"text":text})
        q = random.choice(qs).format(p=p)
        questions.append({"question":q[0].upper()+q[1:].replace("my ","my "),"fact_id":fid})
# contradictions: 60 facts get a newer value
for f in random.sample(facts,60):
    vals=[a for a in attrs if a[0]==f["predicate"]][0]
    new=random.choice([v for v in vals[2] if v!=f["object"]])
    subj = "The " + f["subject"] if f["subject"].startswith("user") else f["subject"]
    contradictions.append({"old_fact_id":f["id"],"subject":f["subject"],"predicate":f["predicate"],"object":new,"category":f["category"],"text":vals[3].format(s=subj,o=new,a=("an" if new[0] in "aeiou" else "a"))})
json.dump({"description":"Generated from templates (bench/gen-memory-quality.py, seed 13): 30 people x 10 attributes in one user's scope, one paraphrased question per fact, 60 later facts that contradict an earlier one.","facts":facts,"questions":questions,"contradictions":contradictions},open("src/main/resources/memory-quality.json","w"),indent=1)
print(len(facts),len(questions),len(contradictions))
