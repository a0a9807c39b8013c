BBBB BBBB gettext(u'New idea in %(hub)s: %(title)s') SSS SSSS SS SSSSSSSS SSSSSSSSS
 gettext(u'Hello,') 

 gettext(u'%(name)s has submitted a new idea to %(hub)s.') SSSSSSSS SSS SSSSSSSSS S SSS SSSS SS SSSSSSSS


BB BBBBBBBBBBBBBBBBBB
BBBBB
 gettext(u'Read it and welcome the idea here:')  
